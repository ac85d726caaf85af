/**
 * Validation errors carry the path of the construct that refused the input, as aws-cdk's ValidationError does
 * (issue 24, item 4), and keep today's messages.
 */
import { App, Errors, Stack } from 'aws-cdk-lib';
import {
  ConnectDirectConnectStack, DedicatedBandwidth, DirectConnectConnection, LinkAggregationGroup, PublicVirtualInterface,
} from '../../lib';
import { ConnectDxValidationError } from '../../lib/private/errors';
import { BASE_STACK_PROPS } from '../helpers/stack-props';

function thrown(fn: () => unknown): ConnectDxValidationError {
  try {
    fn();
  } catch (e) {
    return e as ConnectDxValidationError;
  }
  throw new Error('expected a refusal');
}

const PEERING = { vlan: 101, asn: 65000, customerAddress: '18.0.0.1/30', amazonAddress: '18.0.0.2/30', routeFilterPrefixes: ['18.0.1.0/24'] };

test('a construct\'s refusal names its path; the message is unchanged and aws-cdk sees a ValidationError', () => {
  const stack = new Stack(new App(), 'Dx', { env: { region: 'us-east-1' } });
  const connection = DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123');
  const e = thrown(() => new PublicVirtualInterface(stack, 'Vif', { connection, ...PEERING, vlan: 4095 }));
  expect(e).toBeInstanceOf(ConnectDxValidationError);
  expect(e.message).toMatch(/^vlan must be an integer from 1 to 4094.*got 4095$/);
  expect(e.constructPath).toBe('Dx/Vif');
  expect(e.stack).toMatch(/\nRelates to construct:\n {4}Dx\/Vif$/);
  expect(Errors.isValidationError(e)).toBe(true);
});

test('inside the stack: the child that refused (the LAG), or the stack itself once its children are built', () => {
  const lag = thrown(() => new ConnectDirectConnectStack(new App(), 'Dx', {
    ...BASE_STACK_PROPS, newConnection: { location: 'EqLD5', bandwidth: DedicatedBandwidth.GBPS_10 },
  }));
  expect([lag.message.split(' ')[0], lag.constructPath]).toEqual(['location', 'Dx/Lag']);
  const own = thrown(() => new ConnectDirectConnectStack(new App(), 'Dx', { ...BASE_STACK_PROPS, firewallVpcCidr: '172.31.0.0/24' }));
  expect([own.message.split(' ')[0], own.constructPath]).toEqual(['firewallVpcCidr', 'Dx']);
});

test('outside any construct (a value class, the CLI) there is no path, also right after a construct refused', () => {
  const stack = new Stack(new App(), 'Dx', { env: { region: 'eu-west-2' } });
  thrown(() => new LinkAggregationGroup(stack, 'L', { location: 'EqLD5', connectionsBandwidth: DedicatedBandwidth.GBPS_10 }));
  const e = thrown(() => DedicatedBandwidth.fromString('3Gbps'));
  expect(e.message).toMatch(/^bandwidth must be one of/);
  expect(e.constructPath).toBeUndefined();
  // and a construct built after a refused one reports its own path
  const next = thrown(() => new LinkAggregationGroup(stack, 'L2', { location: 'EqLD5', connectionsBandwidth: DedicatedBandwidth.GBPS_10 }));
  expect(next.constructPath).toBe('Dx/L2');
});

#!/usr/bin/env node
/**
 * The example app: ConnectDirectConnectStack on embedded defaults, configurable with `cdk synth -c key=value`
 * (keys in bin/context.ts and the README). Security scanners run on every synth: cdk-nag's AwsSolutions,
 * NIST 800-53 rev 5, HIPAA Security and PCI DSS 3.2.1 packs, and the cfn-guard validator (Control Tower rules);
 * any unacknowledged finding fails the synth.
 */
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { ContextError, readExampleConfig } from './context';
import {
  AllowListMode, BgpCommunityScope, ConnectDirectConnectStack, DedicatedBandwidth,
} from '../lib';

const app = new App();

let config;
try {
  config = readExampleConfig((key) => app.node.tryGetContext(key));
} catch (e) {
  if (e instanceof ContextError) {
    console.error(`cdk-connect-dx example app: ${e.message}`);
    process.exit(1);
  }
  throw e;
}

const stack = new ConnectDirectConnectStack(app, 'ConnectDirectConnect', {
  env: { region: config.region, account: config.account },
  description: 'Amazon Connect agent traffic over AWS Direct Connect (cdk-connect-dx example app)',
  instanceAlias: config.instanceAlias,
  existingConnectionId: config.connectionId,
  newConnection: config.connectionId === undefined
    ? { location: config.location!, bandwidth: DedicatedBandwidth.fromString(config.bandwidth!), requestMacSec: config.macsec }
    : undefined,
  vlan: config.vlan,
  asn: config.asn,
  customerAddress: config.customerAddress,
  amazonAddress: config.amazonAddress,
  routeFilterPrefixes: config.routeFilterPrefixes,
  ipv6: config.ipv6,
  communityScope: BgpCommunityScope.fromName(config.communityScope),
  allowListMode: AllowListMode.fromName(config.allowListMode),
  agentCidrs: config.agentCidrs,
  statelessFirewall: config.statelessFirewall,
  deployFirewall: config.deployFirewall,
});

for (const p of config.placeholders) {
  Annotations.of(stack).addWarningV2(`cdk-connect-dx:placeholder-${p.key}`,
    `context key '${p.key}' uses its embedded default '${p.value}', ${p.what}; set your own with -c ${p.key}=...`);
}

Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app),
  new NIST80053R5Checks(app),
  new HIPAASecurityChecks(app),
  new PCIDSS321Checks(app),
  new CfnGuardValidator(),
);

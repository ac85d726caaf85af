#!/usr/bin/env node
/**
 * The example app: ConnectDirectConnectStack on embedded defaults, configurable with `cdk synth -c key=value`
 * (keys and parser in lib/example-app/, see the README). Security scanners run on every synth: cdk-nag's AwsSolutions
 * pack (add NIST 800-53 rev 5, HIPAA Security and PCI DSS 3.2.1 with -c nagPacks=...), the cfn-guard validator
 * (Control Tower rules) and CDK's own template validation; any unacknowledged finding fails the synth.
 */
import { Annotations, App, Aws, CfnRule, Fn, IPolicyValidationPlugin, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { ScopedCfnGuardValidator } from './scoped-cfn-guard';
import { checkContextKeys, CONTEXT_KEYS, ExampleConfig, readExampleConfig } from './context';
import { buildExample, refusalLine } from './example-stack';

const app = new App();

/** Ends the synth with one line naming the context key, for a refused value; other errors keep their trace. */
function refuse(e: unknown, parsed: ExampleConfig | undefined): never {
  const line = refusalLine(e, parsed);
  if (line === undefined) throw e;
  console.error(line);
  process.exit(1);
}

let config: ExampleConfig;
let unknownKeys: string[];
try {
  // a misspelt key (-c vlanId=100) fails here, before its default is silently deployed
  unknownKeys = checkContextKeys(Object.keys(app.node.getAllContext()));
  config = readExampleConfig((key) => app.node.tryGetContext(key));
} catch (e) {
  refuse(e, undefined);
}

let built: ReturnType<typeof buildExample>;
try {
  built = buildExample(app, config);
} catch (e) {
  refuse(e, config);
}
// one stack, or one per location Region when a resiliency model's locations span Regions (a ConnectDirectConnectStage)
const stacks = built;

for (const stack of stacks) {
  for (const p of config.placeholders) {
    Annotations.of(stack).addWarningV2(`cdk-connect-dx:placeholder-${p.key}`,
      `context key '${p.key}' uses its embedded default '${p.value}', ${p.what}; set your own with -c ${p.key}=...`);
  }
  for (const key of unknownKeys) {
    Annotations.of(stack).addWarningV2('cdk-connect-dx:unknownContextKey',
      `context key '${key}' is not read by this app (ignored); its keys are ${CONTEXT_KEYS.join(', ')}`);
  }

  // -c acknowledgeWarnings=id,id: the CDK way (Annotations.acknowledgeWarning) on each stack
  for (const given of config.acknowledgeWarnings) {
    const id = given.startsWith('cdk-connect-dx:') ? given : `cdk-connect-dx:${given}`;
    Annotations.of(stack).acknowledgeWarning(id, 'acknowledged with the example app\'s context key acknowledgeWarnings');
  }

  // Deploy guard: while an embedded placeholder is in use, a template rule makes `cdk deploy` (CloudFormation's
  // CreateStack/UpdateStack/CreateChangeSet) fail before any resource is created, so the defaults never order a real
  // port at an example location. Synth is unaffected; with every placeholder replaced the rule is not there.
  if (config.placeholders.length > 0) {
    const keys = config.placeholders.map((p) => p.key);
    new CfnRule(stack, 'PlaceholderGuard', {
      assertions: [{
        // Always false (no Region has this name), so CloudFormation refuses the stack operation. Rules take only
        // rule functions over parameters and pseudo parameters; the Region is always there.
        assert: Fn.conditionEquals(Aws.REGION, 'placeholders-replaced'),
        assertDescription: `Not deployed: the example app uses embedded placeholder values for ${keys.join(', ')}. `
          + `Set them with -c key=value (e.g. ${keys.map((k) => `-c ${k}=...`).join(' ')}) and deploy again. Nothing was created.`,
      }],
    });
  }

  // An account-specific stack looks up the Region's Availability Zones for the new firewall VPC: say why the synth
  // then needs credentials (CDK's own error only says that it does), unless cdk.context.json has the answer already.
  // (When the lookup failed, the CDK CLI runs the app again with the provider's error in place of the answer.)
  const cachedZones: unknown = config.account === undefined ? undefined
    : app.node.tryGetContext(`availability-zones:account=${config.account}:region=${stack.region}`);
  if (config.account !== undefined && config.deployFirewall
    && (!Array.isArray(cachedZones) || cachedZones.length === 0)) {
    Annotations.of(stack).addWarningV2('cdk-connect-dx:availabilityZoneLookup',
      `context keys 'account' and 'deployFirewall': the new firewall VPC looks up the Availability Zones of ${stack.region} in account ${config.account}, `
      + 'which needs AWS credentials for that account (the answer is then cached in cdk.context.json; commit it). Leave account unset to synthesize without credentials.');
  }
}

/** cdk-nag's packs by the names of the nagPacks key (lib/example-app/defaults.ts, NAG_PACKS). */
const NAG_PACK_PLUGINS: Record<string, () => IPolicyValidationPlugin> = {
  'AwsSolutions': () => new AwsSolutionsChecks(app),
  'NIST.800.53.R5': () => new NIST80053R5Checks(app),
  'HIPAA.Security': () => new HIPAASecurityChecks(app),
  'PCI.DSS.321': () => new PCIDSS321Checks(app),
};
Validations.of(app).addPlugins(
  ...config.nagPacks.map((name) => NAG_PACK_PLUGINS[name]()),
  // cfn-guard with the Control Tower rule files that can apply to the template (same findings, a fraction of the time)
  new ScopedCfnGuardValidator(),
);

// Synthesize here rather than at exit, so that a refusal raised while synthesizing ends in one line too.
try {
  app.synth();
} catch (e) {
  refuse(e, config);
}

/**
 * The cfn-guard validator (Control Tower rules), run only with the rule files that can apply to the synthesized
 * templates. `CfnGuardValidator` hands cfn-guard all 237 rule files on every synth; a rule about a resource type
 * the templates do not contain is NOT_APPLICABLE by definition, yet cfn-guard still parses and evaluates it, which
 * made cfn-guard the largest part of the example app's synth time (profiled: see bench/synth-time.ts, the README).
 *
 * A rule file is kept when it names a resource type that occurs in a template, or names no resource type at all
 * (nothing to judge it by). Findings, compliant and non-compliant rules are the same as with every rule file
 * (test/bin/scoped-cfn-guard.test.ts compares both); acknowledgements keep working because the plugin keeps the
 * validator's name and rule ids.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { IPolicyValidationContextBeta1, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1 } from 'aws-cdk-lib';

const RULES_DIR = path.join(path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard')), '..', 'rules', 'control-tower', 'cfn-guard');
const TYPE = /AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g;

function ruleFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? ruleFiles(p) : e.name.endsWith('.guard') ? [p] : [];
  }).sort();
}

/** The resource types of the templates. */
export function resourceTypesOf(templatePaths: string[]): Set<string> {
  const types = new Set<string>();
  for (const file of templatePaths) {
    const template = JSON.parse(fs.readFileSync(file, 'utf8')) as { Resources?: Record<string, { Type?: string }> };
    for (const r of Object.values(template.Resources ?? {})) if (typeof r.Type === 'string') types.add(r.Type);
  }
  return types;
}

/** The Control Tower rule files that can apply to these resource types. */
export function rulesFor(types: Set<string>, rulesDir = RULES_DIR): string[] {
  return ruleFiles(rulesDir).filter((file) => {
    const named = fs.readFileSync(file, 'utf8').match(TYPE);
    return named === null || named.some((t) => types.has(t));
  });
}

/** A `CfnGuardValidator` that gives cfn-guard only the rule files that can apply (same name and rule ids). */
export class ScopedCfnGuardValidator implements IPolicyValidationPluginBeta1 {
  public readonly name: string;
  public readonly version?: string;
  public readonly ruleIds?: string[];

  constructor() {
    const all = new CfnGuardValidator();
    this.name = all.name;
    this.version = all.version;
    this.ruleIds = all.ruleIds;
  }

  public validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const rules = rulesFor(resourceTypesOf(context.templatePaths));
    if (rules.length === 0) return { success: true, violations: [] };
    return new CfnGuardValidator({ controlTowerRulesEnabled: false, rules }).validate(context);
  }
}

/**
 * The cfn-guard validator (Control Tower rules), run only with the rule files that can apply to the synthesized
 * templates. `CfnGuardValidator` hands cfn-guard all 237 rule files on every synth; a rule about a resource type
 * the templates do not contain is NOT_APPLICABLE by definition, yet cfn-guard still parses and evaluates it, which
 * made cfn-guard the largest part of the example app's synth time (profiled: see bench/synth-time.ts, the README).
 *
 * A rule file is kept when a resource type it reports on (its `# Reports on:` header) occurs in a template; a file
 * without that header is kept when any type it names occurs, or when it names none (nothing to judge it by). Findings, compliant and non-compliant rules are the same as with every rule file
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

/**
 * The types a rule file reports on: its header's `# Reports on:` block (every Control Tower rule file has one; a rule
 * whose subject type is absent skips, per the file's own first scenario). Other types a rule names (the KMS key or
 * log group a subject refers to) do not make it apply. Undefined when the file has no such block.
 */
export function reportedTypes(text: string): string[] | undefined {
  const block = /^#\s*Reports on:\s*\n((?:#\s+AWS::[A-Za-z0-9]+::[A-Za-z0-9]+\s*\n)+)/m.exec(text);
  return block ? block[1].match(TYPE) ?? undefined : undefined;
}

/** The Control Tower rule files that can apply to these resource types. */
export function rulesFor(types: Set<string>, rulesDir = RULES_DIR): string[] {
  return ruleFiles(rulesDir).filter((file) => {
    const text = fs.readFileSync(file, 'utf8');
    // by the types it reports on; a file without that header, by every type it names (or kept when it names none)
    const subject = reportedTypes(text) ?? text.match(TYPE);
    return subject === null || subject.some((t) => types.has(t));
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

import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag finding on one construct (cdk-nag 3: acknowledgements are recorded as
 * construct metadata through `Validations`; the NagPack looks them up on the resource and its
 * ancestors). Always scope an acknowledgement to the construct that causes the finding, and for
 * rules that report findings (IAM5) name the exact finding, e.g. `AwsSolutions-IAM5[Resource::*]`,
 * so that any other, unreviewed wildcard still fails the synth.
 */
export function acknowledge(scope: IConstruct, id: `AwsSolutions-${string}`, reason: string): void {
  // Namespaced with the plugin's name, the acknowledgement is applied by aws-cdk-lib's validation
  // framework and listed with its reason under `suppressedViolations` in cdk.out/validation-report.json.
  Validations.of(scope).acknowledge({ id: `${NAG_PLUGIN}::${id}`, reason });
}

/** The name under which cdk-nag's AwsSolutions pack reports (`AwsSolutionsChecks.name`). */
export const NAG_PLUGIN = 'AwsSolutions';

/** Every acknowledgement recorded in the tree under `root`: where, which rule, and why. */
export function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  const out: { path: string; id: string; reason: string }[] = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        out.push({ path: c.node.path, id: id.replace(/^(annotation|AwsSolutions)::/i, ''), reason });
      }
    }
  }
  return out;
}

/**
 * Checks a card the way a Teams client would parse it: the real `adaptivecards` object model (parse events +
 * property validation) with target version 1.5. Used by the tests; kept beside the renderer so both evolve together.
 */
import { createRequire } from 'node:module';
import type * as ACTypes from 'adaptivecards';

// The package's ESM build uses extensionless imports that Node cannot resolve; its UMD bundle loads fine.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof ACTypes;

export function validateCard(json: unknown): string[] {
  const problems: string[] = [];
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents) {
    problems.push(`validate: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  const version = (json as { version?: unknown }).version;
  if (typeof version !== 'string' || !/^1\.[0-5]$/.test(version)) problems.push(`version ${String(version)} is not 1.0–1.5`);
  return problems;
}

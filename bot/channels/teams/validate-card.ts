/**
 * Checks a card two ways: the way a client parses it, with the real `adaptivecards` object model (parse events +
 * property validation, target version 1.5), and strictly against card-schema.ts (unknown properties, enumerations,
 * Teams' action limit) with ajv. Used by the tests; kept beside the renderer so both evolve together.
 */
import { createRequire } from 'node:module';
import type * as ACTypes from 'adaptivecards';
import { Ajv } from 'ajv';
import { cardSchema } from './card-schema.js';

// The package's ESM build uses extensionless imports that Node cannot resolve; its UMD bundle loads fine.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof ACTypes;

const strict = new Ajv({ allErrors: true }).compile(cardSchema);

export function validateCard(json: unknown): string[] {
  const problems: string[] = [];
  if (!strict(json)) {
    for (const e of strict.errors ?? []) {
      // An if/then failure only repeats the error of its "then" branch, reported separately.
      if (e.keyword === 'if') continue;
      problems.push(`schema: ${e.instancePath || '/'} ${e.message ?? 'invalid'}${e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : ''}`);
    }
  }
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

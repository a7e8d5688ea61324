/**
 * The rules that stay rules: greetings, thanks and help requests (answered with the welcome), and attempts to
 * override the bot's instructions (always refused, whatever else the message asks). Everything else is the
 * model's to decide. Empty and oversized messages are stopped earlier, in ../guard.ts.
 */
import { normalize } from './normalize.js';

/** Attempts to change the bot's instructions: always refused, whatever else the message asks. */
export const INJECTION: RegExp[] = [
  /^\s*\[?\s*(system|systeem)\w*/,
  /\b(filters?|beperkingen|restricties|veiligheidsregels)\b.{0,40}\b(uitgeschakeld|uitgezet|disabled|turned off)\b|\bzonder (beperkingen|bronnen|filters|restricties)\b|\bwithout (restrictions|sources|filters|limits)\b/,
  /\brollenspel|\brole-?play|\bblijf in (je|jouw) rol\b|\bstay in (character|role)\b|\bjij bent (nu )?(een|de|het|['"])/,
  /^\s*\[?(system|systeem|admin|beheerder|developer)\]?\s*:/,
  /\b(modus|mode)\b.{0,20}\b(uitgeschakeld|uitgezet|disabled|turned off)\b|\b(antwoord|reageer) (vanaf nu |voortaan )?(alleen|uitsluitend) (nog )?met\b|\b(only|just) (answer|reply|respond) with\b/,
  /\b(ignore|disregard|forget|override)\b.{0,30}\b(instructions?|rules|prompt|guidelines|restrictions)\b/,
  /\b(vergeet|negeer|negeren|vergeten)\b.{0,30}\b(regels|instructies?|opdracht|prompt|richtlijnen|beperkingen)\b/,
  // "act as" only as an order to the bot (opening a sentence, after "please", or after "you"): "can an alderman act
  // as a legal adviser?" is a question about the rules.
  /(^|[.!?,:;]\s*|\bplease\s+|\b(you|u|je|jij)\b[^.?!]{0,30}\b)act as\b|\bpretend (to be|you are|you're)\b|\byou are now\b|\bfrom now on you\b/,
  /\b(doe|doet u) alsof (je|jij|u)\b|\bgedraag je als\b|\bje bent (nu|vanaf nu)\b|\bspeel (de|een) rol\b|\bvanaf nu ben je\b/,
  /\bsystem ?prompt\b|\bsysteemprompt\b|\bjailbreak\b|\bdeveloper mode\b|\bdan mode\b/,
  /\b(toon|laat zien|geef|print|reveal|show|repeat)\b.{0,20}\b(je|jouw|your|de|the)\b.{0,10}\b(instructies|prompt|instructions|configuratie|configuration)\b/,
];

const GREETING = /^(hoi|hallo|hey|hi|hello|hee|goedemorgen|goedemiddag|goedenavond|good (morning|afternoon|evening)|dag|yo|hoihoi)\b[\s!.,]*(bot|daar|there)?[\s!.,]*$/;
const THANKS = /^(dank( je| u)?( wel)?|bedankt|thanks|thank you|thx|top|fijn|super|ok(e|ay)?( dank(je)?| thanks)?|duidelijk)[\s!.,]*(bot)?[\s!.,]*$/;
const HELP = /^(help|\?+|hulp|menu|start|wat kun je( allemaal)?( doen)?|wat kan je( allemaal)?( doen)?|what can you do|hoe werkt (deze|de|jij|je) ?(bot)?|who are you|wie ben jij|wat ben jij)[\s!?.]*$/;


export type RuleGuard = { kind: 'injection' } | { kind: 'smalltalk'; smalltalk: 'greeting' | 'thanks' | 'help' };

export function ruleGuard(text: string): RuleGuard | null {
  const t = normalize(text);
  if (INJECTION.some((p) => p.test(t))) return { kind: 'injection' };
  if (GREETING.test(t)) return { kind: 'smalltalk', smalltalk: 'greeting' };
  if (THANKS.test(t)) return { kind: 'smalltalk', smalltalk: 'thanks' };
  if (HELP.test(t)) return { kind: 'smalltalk', smalltalk: 'help' };
  return null;
}

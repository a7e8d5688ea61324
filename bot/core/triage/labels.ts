/** What the triage model chooses between, in the order of the model's weight rows. */
export const LABELS = ['advice', 'manager-steps', 'handoff', 'out-of-scope'] as const;
export type Label = (typeof LABELS)[number];

/** What the policy makes of the probabilities: a label, or one short clarifying question when unsure. */
export type Route = Label | 'clarify';

/** How the core composes answers. Shapes match `bot/config` (LlmConfig) so the lead can pass them straight on. */

export interface LlmComposerConfig {
  /** OpenAI-compatible endpoint root, e.g. http://127.0.0.1:8080/v1 or an Azure OpenAI deployment URL. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** After this the extractive answer is used instead (default 6000). */
  timeoutMs?: number;
}

export interface ComposerConfig {
  /** Unset = extractive answers only (deterministic, offline). */
  llm?: LlmComposerConfig;
  /** Override the answerability threshold (a probability; see bot/core/answerable/policy.ts). */
  abstainThreshold?: number;
  /** Longer messages get a polite refusal (default 2000 characters). */
  maxMessageChars?: number;
}

/** What every mountable part of the one server hands to `bot/server/app.ts`. */
import type { Router } from 'express';

export interface Mountable {
  /** Routes with their full paths (e.g. "/slack/events", "/api/messages", "/dashboard"). */
  router?: Router;
  /** Long-lived connections that are not HTTP routes (e.g. Slack Socket Mode). */
  start?(): Promise<void>;
  /**
   * Shutdown, before `stop`: refuse new work and finish the work already accepted, within `deadlineMs` (e.g. Slack
   * events acknowledged but not yet answered, which Slack will not send again).
   */
  drain?(deadlineMs: number): Promise<void>;
  stop?(): Promise<void>;
}

/** What every browser test file starts from: the client built, a fresh server, Chromium and one page. */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser, type BrowserSession } from './browser.js';
import { PlannerPage } from './planner-page.js';
import { buildClient, startServer, type TestServer } from './server.js';

export interface PlannerSuite {
  server: TestServer;
  session: BrowserSession;
  page: Page;
  planner: PlannerPage;
}

/** Starts a suite; the page's uncaught errors are pushed to `pageErrors` (tests assert it stays empty). */
export async function startPlanner(pageErrors: string[]): Promise<PlannerSuite> {
  fs.mkdirSync(new URL('./artifacts/', import.meta.url), { recursive: true });
  buildClient();
  const server = await startServer();
  const session = await launchBrowser();
  const page = await session.browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { server, session, page, planner: new PlannerPage(page) };
}

export async function stopPlanner(suite: Partial<PlannerSuite>): Promise<void> {
  await suite.session?.close();
  await suite.server?.stop();
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { totpCode } from '../../local/oauth/totp';
import { LOCAL_TEST_ORGANISER } from '../../local/oauth/users';
import { type LocalStack, startLocalStack } from '../../local/stack';
import type { ProgrammeFile } from '../../shared/domain/schemas';
import { decodePng, y4mFrame } from './fake-camera';
import type { StoredMail } from './pipeline';
import { uniqueId } from './programme-builders';

export interface ConsoleStack {
  stack: LocalStack;
  consoleUrl: string;
  stop(): Promise<void>;
}

/**
 * The real local stack with its mail pipeline and its own managed-login emulator (mounted on the
 * stack's origin, as `npm start` has it): the console's default config.js finds the issuer there.
 */
export async function startConsoleStack(programme: ProgrammeFile): Promise<ConsoleStack> {
  const stack = await startLocalStack({
    dynamoDbEndpoint: inject('dynamoEndpoint'),
    sesEndpoint: inject('sesEndpoint'),
    tablePrefix: `${uniqueId('console')}-`,
    programme,
    manageTokenSecret: 'console-test-secret',
    pipeline: { visibilityTimeoutMs: 300, leaseMs: 5_000, sesRetryBaseDelayMs: 5, pollIntervalMs: 50 },
  });
  return { stack, consoleUrl: `${stack.apiUrl}/console/`, stop: () => stack.stop() };
}

/** Fills in the emulator's sign-in page as the test organiser: password, then the current TOTP code. */
export async function signInAsOrganiser(page: Page): Promise<void> {
  await page.fill('#username', LOCAL_TEST_ORGANISER.username);
  await page.fill('#password', LOCAL_TEST_ORGANISER.password);
  await page.click('button[type="submit"]');
  await page.fill('#code', totpCode(LOCAL_TEST_ORGANISER.totpSecret));
  await page.click('button[type="submit"]');
}

/** The inline QR of a mail: the SES emulator resolves the `cid:` reference into a data URL. */
export const qrPngOf = (mail: StoredMail): Buffer => {
  const inline = /<img src="data:image\/png;base64,([A-Za-z0-9+/=]+)" alt="QR-code/.exec(mail.body.html ?? '')?.[1];
  const attached = mail.attachments.find((a) => a.contentType.startsWith('image/png'))?.content;
  const png = inline ?? attached;
  if (!png) throw new Error(`mail "${mail.subject}" carries no QR image`);
  return Buffer.from(png, 'base64');
};

/**
 * Chromium switches for a camera that films the given PNG (a phone held to a printed or on-screen
 * QR code): the picture as a Y4M file in `dir`, permission granted without a prompt.
 */
export function fakeCameraFilming(png: Buffer, dir: string): string[] {
  const file = join(dir, 'camera.y4m');
  writeFileSync(file, y4mFrame(decodePng(png)));
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${file}`,
  ];
}

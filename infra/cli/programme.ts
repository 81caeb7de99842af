/**
 * `npm run programme -- import my-programme.json --api <SiteApiUrl>`: signs the organiser in
 * (authorization code + PKCE, loopback redirect) and imports or exports a programme file.
 */
import { runProgrammeCli } from './run';

runProgrammeCli(process.argv.slice(2), {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e);
    process.exitCode = 1;
  },
);

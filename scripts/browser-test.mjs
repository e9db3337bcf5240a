// Loads the web build in headless Chromium and checks what a visitor would see:
//  - the page loads without a JavaScript error, a failed request or a panic;
//  - the game draws into the canvas (the screenshot is not blank);
//  - the simulation advances (the tab title's `t=<plant seconds>s` grows past a target).
// Drives Chromium through the DevTools protocol over a pipe (no npm packages needed).
//  - with --lang, the browser prefers that language (the page and game follow it), and with
//    --title-has TEXT the tab title must contain TEXT (the scenario title in that language).
// Usage: node scripts/browser-test.mjs URL SCREENSHOT.png [--until-s N] [--timeout-s N]
//        [--lang nl-BE] [--title-has TEXT]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

const [url, screenshot] = process.argv.slice(2);
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const untilSeconds = Number(option('--until-s', 600));
const timeoutMs = Number(option('--timeout-s', 240)) * 1000;
const lang = option('--lang', 'en-GB');
const titleHas = option('--title-has', '');
if (!url || !screenshot) {
  console.error('usage: node scripts/browser-test.mjs URL SCREENSHOT.png [--until-s N] [--timeout-s N]');
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), 'intellibat-chromium-'));
const chromium = spawn('chromium', [
  '--headless', '--no-sandbox', `--user-data-dir=${profile}`, '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--window-size=1280,720',
  '--autoplay-policy=no-user-gesture-required', '--mute-audio', `--lang=${lang}`, `--accept-lang=${lang}`,
  '--remote-debugging-pipe', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
let chromiumLog = '';
chromium.stderr.on('data', (d) => { chromiumLog = (chromiumLog + d).slice(-4000); });

// DevTools protocol: JSON messages ended by NUL, written to fd 3 and read from fd 4.
let nextId = 1;
const waiting = new Map();
const listeners = [];
let buffered = '';
chromium.stdio[4].on('data', (chunk) => {
  buffered += chunk.toString('utf8');
  let end;
  while ((end = buffered.indexOf('\0')) >= 0) {
    const message = JSON.parse(buffered.slice(0, end));
    buffered = buffered.slice(end + 1);
    if (message.id && waiting.has(message.id)) {
      const { resolve, reject } = waiting.get(message.id);
      waiting.delete(message.id);
      message.error ? reject(new Error(JSON.stringify(message.error))) : resolve(message.result);
    } else if (message.method) {
      for (const listener of listeners) listener(message);
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  chromium.stdio[3].write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
  return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
}

const failures = [];
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
listeners.push(({ method, params }) => {
  if (method === 'Runtime.consoleAPICalled') {
    const line = params.args.map((a) => a.value ?? a.description ?? '').join(' ');
    console.log(`  [console.${params.type} ${elapsed()}] ${line}`);
    if (params.type === 'error' || /panicked at/.test(line)) failures.push(`console error: ${line}`);
  } else if (method === 'Runtime.exceptionThrown') {
    failures.push(`uncaught exception: ${params.exceptionDetails.exception?.description ?? params.exceptionDetails.text}`);
  } else if (method === 'Log.entryAdded' && params.entry.level === 'error') {
    failures.push(`browser error: ${params.entry.text} ${params.entry.url ?? ''}`);
  } else if (method === 'Inspector.targetCrashed') {
    failures.push('the page crashed');
  }
});

// How many distinct colours a sample of a PNG's pixels has (8-bit RGB or RGBA, as Chromium
// writes them): a blank frame has one or two.
function pngColourCount(png) {
  let pos = 8, width = 0, height = 0, channels = 4;
  const idat = [];
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); channels = data[9] === 6 ? 4 : 3; }
    if (type === 'IDAT') idat.push(data);
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  let previous = Buffer.alloc(stride);
  const colours = new Set();
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter] ?? 0;
      line[i] = (line[i] + predictor) & 0xff;
    }
    if (y % 7 === 0) {
      for (let x = 0; x < width; x += 13) colours.add((line[x * channels] << 16) | (line[x * channels + 1] << 8) | line[x * channels + 2]);
    }
    previous = line;
  }
  return colours.size;
}

let exitCode = 1;
try {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const page = (method, params) => send(method, params, sessionId);
  await page('Runtime.enable');
  await page('Log.enable');
  await page('Page.enable');
  await page('Inspector.enable').catch(() => {});
  // The visitor's language, as the page sees it (navigator.language and Accept-Language).
  const { userAgent } = await send('Browser.getVersion');
  await page('Emulation.setUserAgentOverride', { userAgent, acceptLanguage: lang });
  await page('Emulation.setLocaleOverride', { locale: lang.replace('_', '-') }).catch(() => {});
  console.log(`browser test: opening ${url}`);
  await page('Page.navigate', { url });

  let title = '', plantSeconds = -1;
  while (Date.now() - started < timeoutMs && failures.length === 0) {
    await new Promise((r) => setTimeout(r, 500));
    const { result } = await page('Runtime.evaluate', { expression: 'document.title', returnByValue: true });
    title = result.value ?? '';
    const match = /t=(\d+)s/.exec(title);
    plantSeconds = match ? Number(match[1]) : -1;
    if (plantSeconds >= untilSeconds) break;
  }
  const shot = Buffer.from((await page('Page.captureScreenshot', { format: 'png' })).data, 'base64');
  writeFileSync(screenshot, shot);
  const colours = pngColourCount(shot);
  console.log(`browser test: title "${title}" after ${elapsed()}; screenshot ${screenshot} (${colours} colours sampled)`);
  if (plantSeconds < untilSeconds) failures.push(`the plant did not reach t=${untilSeconds}s within ${timeoutMs / 1000} s (title "${title}")`);
  if (colours < 8) failures.push(`the screenshot is nearly blank (${colours} colours)`);
  if (titleHas && !title.includes(titleHas)) failures.push(`the title "${title}" does not contain "${titleHas}"`);
  exitCode = failures.length === 0 ? 0 : 1;
} catch (error) {
  failures.push(`${error}`);
} finally {
  await send('Browser.close').catch(() => {});
  setTimeout(() => chromium.kill('SIGKILL'), 2000).unref();
  rmSync(profile, { recursive: true, force: true });
}
for (const f of failures) console.log(`FAIL ${f}`);
if (failures.length > 0 && chromiumLog) console.log(`chromium said:\n${chromiumLog}`);
console.log(`browser-test: ${exitCode === 0 ? 1 : 0} passed, ${exitCode === 0 ? 0 : 1} failed`);
process.exit(exitCode);

// Downloads the game module with a progress bar, starts it, and hides the loading screen once
// the game has drawn into the canvas. Loading texts follow the browser's language (English or
// Dutch); the game itself picks its language the same way.
import init from './intellibat.js';

const WASM = 'intellibat_bg.wasm';
// Size of the uncompressed module, written in by the build (a compressing server reports the
// compressed size in Content-Length).
const WASM_BYTES = Number('@WASM_BYTES@') || 0;

const lang = (navigator.language || 'en').toLowerCase().startsWith('nl') ? 'nl' : 'en';
document.documentElement.lang = lang;
for (const el of document.querySelectorAll('[data-en]')) el.textContent = el.dataset[lang];

const loader = document.getElementById('loader');
const progress = document.getElementById('progress');
const status = document.getElementById('status');
const canvas = document.getElementById('bevy');
const text = {
  en: { mb: (a, b) => `Downloading the plant… ${a} of ${b} MB`, start: 'Starting the plant…', failed: 'The game could not start:' },
  nl: { mb: (a, b) => `De fabriek wordt gedownload… ${a} van ${b} MB`, start: 'De fabriek start…', failed: 'Het spel kon niet starten:' },
}[lang];

function mb(bytes) {
  return (bytes / 1e6).toLocaleString(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

async function fetchWithProgress(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const total = WASM_BYTES || Number(response.headers.get('Content-Length')) || 0;
  let loaded = 0;
  const counted = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      loaded += chunk.byteLength;
      if (total > 0) {
        progress.value = Math.min(loaded / total, 1);
        status.textContent = text.mb(mb(loaded), mb(total));
      }
      controller.enqueue(chunk);
    },
    flush() {
      progress.removeAttribute('value');
      status.textContent = text.start;
    },
  }));
  return new Response(counted, { headers: { 'Content-Type': 'application/wasm' } });
}

// The game sizes the canvas when it draws its first frames: then the plant is on screen.
new MutationObserver((_, observer) => {
  if (canvas.width > 0 && canvas.height > 0 && loader.classList.contains('started')) {
    loader.classList.add('done');
    canvas.focus();
    observer.disconnect();
  }
}).observe(canvas, { attributes: true, attributeFilter: ['width', 'height'] });

try {
  await init({ module_or_path: fetchWithProgress(WASM) });
  loader.classList.add('started');
} catch (error) {
  loader.classList.add('failed');
  status.textContent = `${text.failed}\n${error}`;
  console.error('intellibat: the game could not start', error);
}

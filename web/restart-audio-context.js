// Browsers keep an AudioContext suspended until the user interacts with the page, and the
// game's audio backend asks to start only once, at load. Remember every AudioContext the page
// makes and resume them all on the first click, key or touch.
(function () {
  const contexts = [];
  for (const name of ['AudioContext', 'webkitAudioContext']) {
    const Original = self[name];
    if (!Original) continue;
    self[name] = new Proxy(Original, {
      construct(target, args) {
        const context = new target(...args);
        contexts.push(context);
        return context;
      },
    });
  }
  const events = ['click', 'keydown', 'pointerup', 'touchend'];
  function resume() {
    let pending = false;
    for (const context of contexts) {
      if (context.state !== 'running') {
        context.resume().catch(() => {});
        pending = true;
      }
    }
    if (!pending && contexts.length > 0) {
      for (const e of events) document.removeEventListener(e, resume, true);
    }
  }
  for (const e of events) document.addEventListener(e, resume, true);
})();

/**
 * The source of one virtual user: a worker thread (eval'd CommonJS) that imports the script
 * once, as k6 runs a VU's init code once, then runs iterations. k6 scripts block (`http.get`
 * returns the response); here a request is posted to the main thread, which does the HTTP
 * asynchronously, and the VU waits on a shared flag (Atomics.wait) until the answer is in its
 * port, read synchronously (receiveMessageOnPort). `sleep` waits on the stop flag, so a
 * stopping run wakes every sleeper at once.
 *
 * Modes: `init` reports the script's options and runs setup(); `loop` runs iterations until the
 * deadline or the stop flag (constant-vus); `arrival` runs one iteration per `iterate` message
 * (arrival-rate executors schedule them on the main thread).
 */
export const VU_SOURCE = String.raw`
const { workerData, receiveMessageOnPort, parentPort } = require('node:worker_threads');
const { net, answered, stop, moduleUrl, env, vu, exec, data, mode, deadline, tags, requestTimeoutMs } = workerData;
const answeredFlag = new Int32Array(answered);
const stopFlag = new Int32Array(stop);

globalThis.__ENV = env;
globalThis.__VU = vu;
globalThis.__ITER = 0;
globalThis.__k6 = {
  scenarioTags: tags || {},
  request(req) {
    Atomics.store(answeredFlag, 0, 0);
    net.postMessage(req);
    const waited = Atomics.wait(answeredFlag, 0, 0, requestTimeoutMs + 5000);
    const got = receiveMessageOnPort(net);
    if (!got) parentPort.postMessage({ kind: 'exception', message: 'no answer to ' + req.method + ' ' + req.url + ' (' + waited + ')' });
    return got ? got.message : { status: 0, body: '', headers: {}, error: 'no answer from the adapter', url: req.url };
  },
  sleep(seconds) {
    if (seconds > 0 && Atomics.load(stopFlag, 0) === 0) Atomics.wait(stopFlag, 0, 0, seconds * 1000);
  },
  record(event) { parentPort.postMessage(event); },
};

const describe = (e) => (e && e.stack ? String(e.stack).split('\n').slice(0, 3).join(' | ') : String(e));

function iterate(fn) {
  try {
    fn(data);
  } catch (e) {
    parentPort.postMessage({ kind: 'exception', message: describe(e) });
  }
  globalThis.__ITER++;
}

import(moduleUrl).then((mod) => {
  if (mode === 'init') {
    const options = JSON.parse(JSON.stringify(mod.options || {}));
    let setupData = null;
    if (typeof mod.setup === 'function') setupData = mod.setup();
    parentPort.postMessage({ kind: 'init', options, setupData: setupData === undefined ? null : setupData });
    return;
  }
  const fn = exec ? mod[exec] : mod.default;
  if (typeof fn !== 'function') {
    parentPort.postMessage({ kind: 'fatal', message: 'the script exports no function "' + (exec || 'default') + '"' });
    return;
  }
  if (mode === 'loop') {
    while (Date.now() < deadline && Atomics.load(stopFlag, 0) === 0) iterate(fn);
    parentPort.postMessage({ kind: 'done', iterations: globalThis.__ITER });
    return;
  }
  parentPort.on('message', (m) => {
    if (m.kind !== 'iterate') return;
    iterate(fn);
    parentPort.postMessage({ kind: 'idle' });
  });
  parentPort.postMessage({ kind: 'idle' });
}, (e) => {
  parentPort.postMessage({ kind: 'fatal', message: describe(e) });
});
`;

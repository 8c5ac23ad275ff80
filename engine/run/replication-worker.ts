/** Worker thread body: simulates the replications it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { simulateTask, type ReplicationTask } from './replication-task.js';

parentPort?.on('message', ({ i, task }: { i: number; task: ReplicationTask }) => {
  try {
    parentPort?.postMessage({ i, result: simulateTask(task) });
  } catch (e) {
    parentPort?.postMessage({ i, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
  }
});

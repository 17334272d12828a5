// Runs one Lambda bundle the way the Node.js runtime does: a plain `node` process (no loaders, no
// TypeScript) that imports the handler module once, at init, then invokes its exported handler
// with each event and a context object. Events arrive over IPC from tests/lambda/lambda-process.ts.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const [bundlePath, handlerName, timeoutSeconds] = process.argv.slice(2);

const initStarted = performance.now();
let handler;
try {
  const module = await import(pathToFileURL(bundlePath).href);
  handler = module[handlerName];
  if (typeof handler !== 'function') throw new Error(`the bundle exports no ${handlerName}()`);
  process.send({ type: 'ready', initMs: performance.now() - initStarted });
} catch (error) {
  process.send({ type: 'init-error', name: error?.name, message: error?.message });
  process.exit(1);
}

process.on('message', async (message) => {
  if (message?.type !== 'invoke') return;
  const deadline = Date.now() + Number(timeoutSeconds) * 1000;
  const context = {
    awsRequestId: randomUUID(),
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: '$LATEST',
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
    logGroupName: `/aws/lambda/${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
    logStreamName: '2026/11/29/[$LATEST]0123456789abcdef',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await handler(message.event, context);
    process.send({ type: 'result', id: message.id, result: result ?? null });
  } catch (error) {
    process.send({
      type: 'error',
      id: message.id,
      name: error?.name ?? 'Error',
      message: error?.message ?? String(error),
    });
  }
});

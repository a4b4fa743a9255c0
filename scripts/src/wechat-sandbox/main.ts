import http from 'node:http';
import { buildSandbox } from './app';

const port = Number(process.env.SANDBOX_PORT ?? 3100);
const server = http.createServer(buildSandbox().callback());
server.listen(port, '127.0.0.1', () => console.log(`wechat sandbox listening on http://127.0.0.1:${port}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

#!/usr/bin/env node
// Runs the TypeScript CLI in this process through tsx's loader, so `careloop`
// works straight from a clone and signals (SIGTERM/SIGINT) reach the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

/**
 * The relay in a NestJS 11 controller: `POST /relay` starts an answer, `GET /relay/:id` reads or resumes it,
 * `DELETE /relay/:id` stops it, each handing the raw request and response to the relay.
 *
 *   npx tsx --tsconfig examples/tsconfig.json examples/relay-nest.ts   # decorators: experimentalDecorators
 *
 * Why `@Res()` and not `@Sse()` for the reading route: `@Sse()` is GET-only, so it cannot start the answer (which
 * needs the POSTed messages); it sends its own headers (no `x-stream-id`, no `x-accel-buffering: no`) and
 * cannot answer `404`/`403` before streaming; it writes an error's own message into `event: error` (an upstream
 * error's text may quote the key); and it unsubscribes when the client leaves, which would stop the generation,
 * where the relay keeps it going for `graceMs` so that a reconnect resumes it. So every route writes to `@Res()`
 * through the relay, which speaks the same SSE wire for all three.
 */
import 'reflect-metadata';
import { Controller, Delete, Get, Module, Param, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Request, Response } from 'express';
import { createOpenAICompatible } from '../src';
import { createRelay } from '../src/server';
import { runRelayExample, type StartedRelay } from './relayMain';

/** Starts a Nest app on `port` (0: any free port) with the relay's routes under `/relay`, in front of `upstreamBaseURL`. */
export async function startNestRelay(port: number, upstreamBaseURL: string): Promise<StartedRelay> {
  const ai = createOpenAICompatible({
    baseURL: upstreamBaseURL,
    apiKey: process.env['OPENAI_API_KEY'] ?? 'local',
  });
  const relay = createRelay({ complete: (body) => ai.createCompletionEvents(body.model, body.messages) });

  // In an app this would be a provider injected into the controller; a closure keeps the example in one place.
  @Controller('relay')
  class RelayController {
    @Post()
    start(@Req() req: Request, @Res() res: Response): void {
      relay.start(req, res);
    }

    @Get(':id')
    read(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
      relay.read(req, res, id);
    }

    @Delete(':id')
    stop(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
      relay.stop(req, res, id);
    }
  }

  @Module({ controllers: [RelayController] })
  class RelayModule {}

  // bodyParser: false lets the relay read the body itself, under its own limits.maxBodyBytes.
  const app = await NestFactory.create(RelayModule, { bodyParser: false, logger: ['error'] });
  await app.listen(port, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url: `${base}/relay`,
    close: async () => {
      relay.close();
      await app.close();
    },
  };
}

if (require.main === module) void runRelayExample(startNestRelay);

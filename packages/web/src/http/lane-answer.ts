import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { AnswerSink, SinkEvent } from './answer-sink.js';

/** The `Date` header, made at most once a second as node:http does. */
let dateLine = '';
let dateSecond = -1;

function currentDateLine(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateLine = `Date: ${new Date(now).toUTCString()}\r\n`;
  }
  return dateLine;
}

/** Told when an answer of the lane is complete, and whether its connection stays open. */
export interface AnswerDone {
  answered(keepAlive: boolean): void;
}

/**
 * One answer of the fast lane, written straight to the socket: the head node:http would write
 * (the route's headers, then `Date`, `Connection` and `Keep-Alive`), then the body, corked into
 * one write.
 */
export class LaneAnswer implements AnswerSink {
  headersSent = false;
  shouldKeepAlive: boolean;
  private head = '';
  private finished = false;

  constructor(
    private readonly socket: Socket,
    keepAlive: boolean,
    private readonly keepAliveLine: string,
    private readonly done: AnswerDone,
  ) {
    this.shouldKeepAlive = keepAlive;
  }

  get destroyed(): boolean {
    return this.socket.destroyed;
  }

  writeHead(status: number, headers: string[]): this {
    let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`;
    for (let index = 0; index + 1 < headers.length; index += 2) {
      const name = headers[index] as string;
      const value = headers[index + 1] as string;
      // An answer that must close the connection (a refused body) says so itself.
      if (name.length === 10 && name.toLowerCase() === 'connection') {
        if (value.toLowerCase() === 'close') this.shouldKeepAlive = false;
        continue;
      }
      head += `${name}: ${value}\r\n`;
    }
    head += currentDateLine();
    head += this.shouldKeepAlive ? this.keepAliveLine : 'Connection: close\r\n\r\n';
    this.head = head;
    this.headersSent = true;
    return this;
  }

  write(chunk: Buffer): boolean {
    this.flushHead();
    return this.socket.write(chunk);
  }

  end(chunk?: Buffer): this {
    if (this.finished) return this;
    this.finished = true;
    this.socket.cork();
    this.flushHead();
    if (chunk !== undefined) this.socket.write(chunk);
    this.socket.uncork();
    this.done.answered(this.shouldKeepAlive);
    return this;
  }

  cork(): void {
    this.socket.cork();
  }

  uncork(): void {
    this.socket.uncork();
  }

  destroy(): this {
    this.finished = true;
    this.socket.destroy();
    return this;
  }

  once(event: SinkEvent, listener: () => void): this {
    this.socket.once(event, listener);
    return this;
  }

  off(event: SinkEvent, listener: () => void): this {
    this.socket.off(event, listener);
    return this;
  }

  private flushHead(): void {
    if (this.head === '') return;
    this.socket.write(this.head, 'latin1');
    this.head = '';
  }
}

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

export const answeredMethods: string[];
export const allowHeader: string;
export function problemBody(status: number, detail: string, code: string): string;
export function refuseUnansweredMethod(req: IncomingMessage, res: ServerResponse): boolean;
export function refuseConnect(req: IncomingMessage, socket: Duplex): void;
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void;
export function refuseMalformedPath(req: IncomingMessage, res: ServerResponse): boolean;

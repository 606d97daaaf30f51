/* A server-sent event stream the test writes to chunk by chunk, as the gateway would send it. */
export function eventStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({ start(c) { controller = c } })
  const encoder = new TextEncoder()
  return {
    body,
    send(text: string) { controller.enqueue(encoder.encode(text)) },
    /** The server (or the network) ends the stream. */
    drop() { controller.close() },
  }
}

/** The text of one `request` event for a view at a sequence. */
export function requestEvent(view: { requestId?: string }, sequence: number): string {
  return `event: request\nid: ${view.requestId}:${sequence}\ndata: ${JSON.stringify(view)}\n\n`
}

/** The text of one `left` event: the request was escalated out of the followed subtree. */
export function leftEvent(requestId: string, sequence: number): string {
  return `event: left\nid: ${requestId}:${sequence}\ndata: ${JSON.stringify({ requestId, sequence })}\n\n`
}

export const READY = 'event: ready\ndata: {"at":"2026-03-07T09:00:00Z"}\n\n'

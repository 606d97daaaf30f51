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

/** The `ready` every live stream of the platform opens with. */
export const READY = 'event: ready\ndata: {"at":"2026-03-07T09:00:00Z"}\n\n'

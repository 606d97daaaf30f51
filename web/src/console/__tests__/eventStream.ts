/* The request stream's own events, as request-service sends them (the stream itself: testing/eventStream.ts). */

/** The text of one `request` event for a view at a sequence. */
export function requestEvent(view: { requestId?: string }, sequence: number): string {
  return `event: request\nid: ${view.requestId}:${sequence}\ndata: ${JSON.stringify(view)}\n\n`
}

/** The text of one `left` event: the request was escalated out of the followed subtree. */
export function leftEvent(requestId: string, sequence: number): string {
  return `event: left\nid: ${requestId}:${sequence}\ndata: ${JSON.stringify({ requestId, sequence })}\n\n`
}

/*
 * The live updates of the work queue and of an order's page: request-service's server-sent events
 * (GET /api/v1/requests/live), read by the platform's stream reader (shared/eventStream.ts: fetch() with the person's
 * bearer token, reopening, Retry-After, refusals). The contract (operation `live` in openapi/request.json, ADR 0018):
 *   event: ready    data: {"at": ISO}                  → the stream is open; refetch what the page shows
 *   event: request  id: <requestId>:<sequence>  data: RequestView as GET /api/v1/requests/{id} shows it to the caller
 *   event: left     id: <requestId>:<sequence>  data: {requestId, sequence} → escalated above the subtree: drop it
 *   ": keep-alive" comment lines between them
 */
import type { RequestSchemas } from '../api/client'
import type { ProblemError } from '../api/problems'
import { openEventStream, type LiveState } from '../shared/eventStream'

export type RequestView = RequestSchemas['schemas']['RequestView']

/** "req-1:42" → the request and the sequence its view was made at; null for an id of another shape. */
export function parseEventId(id: string | null): { requestId: string; sequence: number } | null {
  const colon = id?.lastIndexOf(':') ?? -1
  if (!id || colon <= 0) return null
  const sequence = Number(id.slice(colon + 1))
  return Number.isInteger(sequence) ? { requestId: id.slice(0, colon), sequence } : null
}

export interface LiveHandlers {
  ready(at: string): void
  request(view: RequestView, sequence: number): void
  /** The request was escalated out of the followed subtree (the caller may no longer read it). */
  left(requestId: string, sequence: number): void
  state(state: LiveState, problem?: ProblemError): void
}

export interface LiveOptions {
  district: string
  unitId?: string | null
  /** Waits before reopening (tests pass one that records and returns at once). */
  wait?: (ms: number) => Promise<void>
}

/** Opens the district's (or the unit subtree's) live stream and keeps it open until close(). */
export function openLive(options: LiveOptions, handlers: LiveHandlers): { close(): void; done: Promise<void> } {
  return openEventStream({ path: '/api/v1/requests/live', query: { district: options.district, unitId: options.unitId }, wait: options.wait }, {
    event(event) {
      if (event.event === 'ready') {
        handlers.ready((JSON.parse(event.data) as { at: string }).at)
      } else if (event.event === 'request') {
        const id = parseEventId(event.id)
        if (id) handlers.request(JSON.parse(event.data) as RequestView, id.sequence)
      } else if (event.event === 'left') {
        const id = parseEventId(event.id)
        if (id) handlers.left(id.requestId, id.sequence)
      }
    },
    state: (state, problem) => handlers.state(state, problem),
  })
}

/**
 * The version an action's If-Match carries for a view as the page shows it: GET /requests/{id} gives its applied
 * sequence as the ETag, and a live event's view is the request as that GET shows it, so the tag is the same.
 */
export function etagOf(view: RequestView | null | undefined): string | null {
  return view?.appliedSequence !== undefined && view.appliedSequence !== null && view.appliedSequence >= 0
    ? `"${view.appliedSequence}"` : null
}

export interface FollowHandlers {
  /** The stream (re)opened: changes made while it was closed are not replayed, so fetch the request again. */
  reopened(at: string): void
  /** A change of the followed request: the request as it is now and the change's sequence. */
  changed(view: RequestView, sequence: number): void
  /** The request was escalated out of the followed subtree (the person may no longer read it). */
  left(sequence: number): void
  state?(state: LiveState, problem?: ProblemError): void
}

/**
 * One request followed on the person's live stream (the queue's, openLive): only its own changes are handed over.
 * The caller decides which views are newer than the one shown (by applied sequence) and closes it on leaving.
 */
export function followRequest(options: LiveOptions, requestId: string, handlers: FollowHandlers): { close(): void; done: Promise<void> } {
  return openLive(options, {
    ready: (at) => handlers.reopened(at),
    request: (view, sequence) => { if (view.requestId === requestId) handlers.changed(view, sequence) },
    left: (left, sequence) => { if (left === requestId) handlers.left(sequence) },
    state: (state, problem) => handlers.state?.(state, problem),
  })
}

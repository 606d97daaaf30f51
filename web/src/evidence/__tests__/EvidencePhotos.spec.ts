import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { makeI18n } from '../../i18n'
import { logInAs, settle } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'
import EvidencePhotos from '../EvidencePhotos.vue'

const DISTRICT = 'cq-jiulongpo'
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 9, 9])
const photo = (id: string, caption: string | null = null) => ({ evidenceId: id, stage: 'CHECK_OUT', caption, contentType: 'image/jpeg',
  bytes: 1234, width: 800, height: 600, uploadedBy: 'vol-1', uploadedAt: '2026-12-06T02:00:00Z', location: null,
  url: `/api/v1/requests/req-1/evidence/${id}/content`, thumbnailUrl: `/api/v1/requests/req-1/evidence/${id}/content?size=thumbnail` })

interface Seen { method: string; url: URL; form: FormData | null; authorization: string | null }
let seen: Seen[] = []
let stored: ReturnType<typeof photo>[] = []
let refuse: { status: number; code: string } | null = null

beforeEach(() => {
  logInAs({ sub: 'acc-1', practice_district: DISTRICT, practice_role: 'VOLUNTEER', practice_volunteer: 'vol-1' })
  seen = []
  stored = [photo('ev-1', '入户照片')]
  refuse = null
  let made = 0
  URL.createObjectURL = vi.fn(() => 'blob:photo-' + ++made)
  URL.revokeObjectURL = vi.fn()
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init)
    const url = new URL(request.url)
    const form = request.method === 'POST' ? await request.formData() : null
    seen.push({ method: request.method, url, form, authorization: request.headers.get('Authorization') })
    if (url.pathname.endsWith('/content')) return new Response(new Blob([JPEG], { type: 'image/jpeg' }), { headers: { 'Content-Type': 'image/jpeg' } })
    if (request.method === 'POST') {
      if (refuse) {
        return new Response(JSON.stringify({ type: 'https://practice.cloud/problems/' + refuse.code, status: refuse.status, detail: 'no' }),
          { status: refuse.status, headers: { 'Content-Type': 'application/problem+json' } })
      }
      const added = photo('ev-' + (stored.length + 1), (form?.get('caption') as string | null) ?? null)
      stored.push(added)
      return new Response(JSON.stringify(added), { status: 201, headers: { 'Content-Type': 'application/json' } })
    }
    return new Response(JSON.stringify(stored), { headers: { 'Content-Type': 'application/json' } })
  }) as typeof fetch
})

afterEach(() => { document.body.innerHTML = '' })

async function mountPhotos(canAdd: boolean) {
  const wrapper = mount(EvidencePhotos, {
    props: { target: { kind: 'request', id: 'req-1', district: DISTRICT, stage: 'CHECK_OUT' }, canAdd },
    global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
  await settle()
  return wrapper
}

async function pick(wrapper: Awaited<ReturnType<typeof mountPhotos>>, files: File[]) {
  const input = wrapper.find('input[type="file"]')
  Object.defineProperty(input.element, 'files', { value: files, configurable: true })
  await input.trigger('change')
  await settle()
}

describe('the photos of a service', () => {
  it('shows each photo from its thumbnail fetched with the person\'s token, labelled by its caption', async () => {
    const wrapper = await mountPhotos(false)
    const list = seen.find((call) => call.url.pathname === '/api/v1/requests/req-1/evidence')!
    expect(list.url.searchParams.get('district')).toBe(DISTRICT)
    const thumbnail = seen.find((call) => call.url.pathname.endsWith('/ev-1/content'))!
    expect(thumbnail.url.searchParams.get('size')).toBe('thumbnail')
    expect(thumbnail.authorization).toMatch(/^Bearer /)
    const image = wrapper.find('img')
    expect(image.attributes('src')).toBe('blob:photo-1')
    expect(image.attributes('alt')).toBe('照片 1：入户照片')
    expect(wrapper.find('input[type="file"]').exists(), 'reading only: no picker').toBe(false)
    expect(await axeViolations()).toEqual([])
  })

  it('uploads every picked photo as its own multipart call with the stage and the caption', async () => {
    const wrapper = await mountPhotos(true)
    await wrapper.find('input[type="text"]').setValue('服务结束合影')
    await pick(wrapper, [new File([JPEG], 'a.jpg', { type: 'image/jpeg' }), new File([JPEG], 'b.jpg', { type: 'image/jpeg' })])
    const uploads = seen.filter((call) => call.method === 'POST')
    expect(uploads).toHaveLength(2)
    expect(uploads[0].url.pathname).toBe('/api/v1/requests/req-1/evidence')
    expect(uploads[0].url.searchParams.get('stage')).toBe('CHECK_OUT')
    expect((uploads[0].form?.get('file') as File).name).toBe('a.jpg')
    expect(uploads[1].form?.get('caption')).toBe('服务结束合影')
    expect(wrapper.findAll('img')).toHaveLength(3)
    expect(wrapper.find('.evidence-status').text()).toBe('已上传 2 张照片。')
    expect(await axeViolations()).toEqual([])
  })

  it('refuses a file that is no photo on the phone, and says the service\'s refusal in words', async () => {
    const wrapper = await mountPhotos(true)
    await pick(wrapper, [new File([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0])], 'bomb.jpg')])
    expect(seen.filter((call) => call.method === 'POST'), 'nothing sent').toHaveLength(0)
    expect(wrapper.find('[role="alert"]').text()).toBe('只能上传照片（JPEG、PNG 或 HEIC）。')
    refuse = { status: 409, code: 'too-many-photos' }
    await pick(wrapper, [new File([JPEG], 'c.jpg')])
    expect(wrapper.find('[role="alert"]').text()).toBe('这个环节的照片已满 9 张。')
    expect(wrapper.findAll('img')).toHaveLength(1)
  })
})

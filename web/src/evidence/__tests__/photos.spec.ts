import { describe, expect, it, vi } from 'vitest'
import { MAX_PHOTO_BYTES, PhotoProblem, preparePhoto, sniff } from '../photos'

const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]
const ZIP = [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0]
const heif = (brand: string) => [0, 0, 0, 0x18, ...'ftyp'.split('').map((c) => c.charCodeAt(0)), ...brand.split('').map((c) => c.charCodeAt(0))]
const file = (bytes: number[], name: string, size = 0) => new File([new Uint8Array(bytes), new Uint8Array(size)], name)

describe('photos on their way to the service', () => {
  it('tell the type by the first bytes, whatever the name', () => {
    expect(sniff(new Uint8Array(JPEG))).toBe('jpeg')
    expect(sniff(new Uint8Array(PNG))).toBe('png')
    expect(sniff(new Uint8Array(heif('heic')))).toBe('heif')
    expect(sniff(new Uint8Array(heif('mif1')))).toBe('heif')
    expect(sniff(new Uint8Array(heif('mp42'))), 'an MP4 video is no photo').toBe('other')
    expect(sniff(new Uint8Array(ZIP))).toBe('other')
    expect(sniff(new Uint8Array([0xff, 0xd8]))).toBe('other')
  })

  it('send JPEG and PNG as they are, without loading the converter', async () => {
    const convert = vi.fn()
    const jpeg = file(JPEG, 'a.jpg', 100)
    expect(await preparePhoto(jpeg, convert)).toEqual({ blob: jpeg, name: 'a.jpg', converted: false })
    expect((await preparePhoto(file(PNG, 'b.png'), convert)).converted).toBe(false)
    expect(convert).not.toHaveBeenCalled()
  })

  it('convert HEIC to JPEG and name it so', async () => {
    const jpeg = new Blob([new Uint8Array(JPEG)], { type: 'image/jpeg' })
    const convert = vi.fn(async () => jpeg)
    const prepared = await preparePhoto(file(heif('heic'), 'IMG_0001.HEIC'), convert)
    expect(prepared).toEqual({ blob: jpeg, name: 'IMG_0001.jpg', converted: true })
    expect(convert).toHaveBeenCalledOnce()
  })

  it('refuse what is no photo, what cannot be converted and what is too large, before any upload', async () => {
    await expect(preparePhoto(file(ZIP, 'bomb.jpg'))).rejects.toEqual(new PhotoProblem('not-a-photo'))
    await expect(preparePhoto(file(heif('heic'), 'x.heic'), async () => { throw new Error('broken') }))
      .rejects.toHaveProperty('trouble', 'unreadable-heic')
    await expect(preparePhoto(file(JPEG, 'big.jpg', MAX_PHOTO_BYTES))).rejects.toHaveProperty('trouble', 'too-large')
    const bigJpeg = new Blob([new Uint8Array(MAX_PHOTO_BYTES + 1)])
    await expect(preparePhoto(file(heif('heix'), 'big.heic'), async () => bigJpeg)).rejects.toHaveProperty('trouble', 'too-large')
  })
})

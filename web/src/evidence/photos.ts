/*
 * A photo on its way to the service: HEIC/HEIF (what iPhones and many Android phones take) is converted to JPEG here,
 * on the phone, because the services have no maintained HEIC decoder (ADR 0021); the service then checks and cleans
 * every photo itself (type by its bytes, size, dimensions, metadata stripped). The converter (libheif compiled to
 * WebAssembly, heic-to) is about 3 MB: loaded with the first HEIC photo only.
 */

/** The service's limit per photo (request-service refuses larger ones with file-too-large). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024

/** What the picker offers: the photo types the service keeps, and HEIC that this page converts. */
export const PHOTO_TYPES = 'image/jpeg,image/png,image/heic,image/heif,.heic,.heif'

export type PhotoTrouble = 'too-large' | 'unreadable-heic' | 'not-a-photo'

export class PhotoProblem extends Error {
  constructor(readonly trouble: PhotoTrouble) {
    super(trouble)
  }
}

/** ISO-BMFF brands of HEIF images (still images and sequences, HEVC or any codec). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'])

/** What the first bytes say the file is, whatever its name and declared type. */
export function sniff(head: Uint8Array): 'jpeg' | 'png' | 'heif' | 'other' {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg'
  if (head.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => head[i] === byte)) return 'png'
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(head, 8, 12))) return 'heif'
  return 'other'
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to))
}

export interface PreparedPhoto {
  blob: Blob
  name: string
  converted: boolean
}

/** The photo to upload: JPEG and PNG as they are, HEIC converted to JPEG; refused before any upload when it cannot be. */
export async function preparePhoto(file: File, convert: (heif: Blob) => Promise<Blob> = heifToJpeg): Promise<PreparedPhoto> {
  const kind = sniff(new Uint8Array(await file.slice(0, 12).arrayBuffer()))
  if (kind === 'other') throw new PhotoProblem('not-a-photo')
  let prepared: PreparedPhoto = { blob: file, name: file.name || 'photo', converted: false }
  if (kind === 'heif') {
    let jpeg: Blob
    try {
      jpeg = await convert(file)
    } catch {
      throw new PhotoProblem('unreadable-heic')
    }
    prepared = { blob: jpeg, name: (file.name || 'photo').replace(/\.(heic|heif)$/i, '') + '.jpg', converted: true }
  }
  if (prepared.blob.size > MAX_PHOTO_BYTES) throw new PhotoProblem('too-large')
  return prepared
}

async function heifToJpeg(heif: Blob): Promise<Blob> {
  // The CSP build: its WebAssembly needs 'wasm-unsafe-eval' and its worker a blob: URL, both allowed by the
  // people's ends' policy for this (PeopleEndsRoutes) — never 'unsafe-eval'.
  const { heicTo } = await import('heic-to/csp')
  return heicTo({ blob: heif, type: 'image/jpeg', quality: 0.9 })
}

import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { logFailure } from '../../platform/log-failure.ts'
import type { PhotoBlob } from '../../store/device-store.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { useDeviceQuery } from '../../store/use-device-query.ts'
import { newId } from '../../store/writes.ts'
import { compressPhoto, isQuotaError } from './compress-photo.ts'

type Props = {
  visitId: string
  customerId: string
  photoIds: string[]
  onChange: (ids: string[]) => void
}

function Thumb({ photo, label }: { photo: PhotoBlob; label: string }) {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    const u = URL.createObjectURL(photo.blob)
    setUrl(u)
    return () => URL.revokeObjectURL(u)
  }, [photo.blob])
  return url ? <img src={url} alt={label} width={88} height={88} /> : null
}

/**
 * Photos are compressed and kept on the device at once (they upload later, when online). A full
 * disk loses only the photo being added, with a message; the rest of the visit is untouched.
 */
const uploadLater = 'photo upload did not start; the queue retries when online and every minute'

export function PhotoPicker({ visitId, customerId, photoIds, onChange }: Props) {
  const { t } = useTranslation()
  const { device } = useOutrider()
  const [problem, setProblem] = useState<string | null>(null)
  const photos = useDeviceQuery(() => device.photos.bulkGet(photoIds), [device, photoIds.join(',')])

  const add = async (files: FileList | null) => {
    setProblem(null)
    const added: string[] = []
    for (const file of Array.from(files ?? [])) {
      if (photoIds.length + added.length >= 20) {
        setProblem(t('visit.tooManyPhotos'))
        break
      }
      let blob: Blob
      try {
        blob = await compressPhoto(file)
      } catch (err) {
        setProblem(t('visit.photoFailed', { message: (err as Error).message }))
        continue
      }
      const id = newId('ph')
      try {
        await device.photos.add({
          id,
          visitId,
          customerId,
          blob,
          type: blob.type || 'image/jpeg',
          uploaded: false,
          createdAt: new Date().toISOString(),
        })
        added.push(id)
      } catch (err) {
        setProblem(
          isQuotaError(err) ? t('visit.photoQuota') : t('visit.photoFailed', { message: String(err) }),
        )
        break
      }
    }
    if (added.length > 0) {
      onChange([...photoIds, ...added])
      void device.uploader.kick().catch(logFailure(uploadLater))
    }
  }

  const removeAt = async (i: number) => {
    const id = photoIds[i]
    if (!id) return
    onChange(photoIds.filter((p) => p !== id))
    await device.photos.delete(id)
  }

  return (
    <fieldset className="visit-photos">
      <legend>{t('visit.photos')}</legend>
      <ul className="photo-grid" data-testid="photo-list">
        {photoIds.map((id, i) => {
          const p = photos?.[i]
          return (
            <li key={id} data-testid="photo">
              {p && <Thumb photo={p} label={`${t('visit.photos')} ${i + 1}`} />}
              <span className="muted">
                {p?.uploaded ? t('visit.photoUploaded') : t('visit.photoWaiting')}
              </span>
              <button
                type="button"
                className="secondary"
                aria-label={t('visit.removePhoto', { n: i + 1 })}
                onClick={() => void removeAt(i)}
              >
                ×
              </button>
            </li>
          )
        })}
      </ul>
      <label className="file-button">
        {t('visit.addPhoto')}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          onChange={(e) => {
            const files = e.target.files
            void add(files).finally(() => {
              e.target.value = ''
            })
          }}
        />
      </label>
      {problem && (
        <p className="error" role="alert" data-testid="photo-problem">
          {problem}
        </p>
      )}
    </fieldset>
  )
}

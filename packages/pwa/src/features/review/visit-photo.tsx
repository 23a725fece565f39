import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchImageUrl } from '../../shared/api.ts'

/** A thumbnail loaded from the server with the session's token; a missing photo says so instead of breaking. */
export function VisitPhoto({ id, n }: { id: string; n: number }) {
  const { t } = useTranslation()
  const [state, setState] = useState<{ url: string | null; done: boolean }>({ url: null, done: false })
  useEffect(() => {
    let url: string | null = null
    let live = true
    if (!navigator.onLine) {
      setState({ url: null, done: true })
      return
    }
    void fetchImageUrl(`/api/photos/${encodeURIComponent(id)}`).then((u) => {
      url = u
      if (live) setState({ url: u, done: true })
      else if (u) URL.revokeObjectURL(u)
    })
    return () => {
      live = false
      if (url) URL.revokeObjectURL(url)
    }
  }, [id])
  if (state.url) return <img className="thumb" src={state.url} alt={t('review.photo', { n })} />
  return (
    <span className="thumb thumb-missing">
      {state.done ? (navigator.onLine ? t('review.photoMissing') : t('review.photoOffline')) : '…'}
    </span>
  )
}

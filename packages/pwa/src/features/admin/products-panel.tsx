import type { Product } from '@outrider/domain'
import { httpApi } from '@outrider/domain'
import { useCallback, useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { callApi, errorKey } from '../../shared/api.ts'
import { OpeningList } from '../../shared/opening-list.tsx'

type Form = { sku: string; name: string; category: string; unit: string; price: number; active: boolean }

function ProductForm({ product, onSaved }: { product?: Product; onSaved: () => Promise<void> }) {
  const { t } = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const { register, handleSubmit, formState, reset } = useForm<Form>({
    defaultValues: {
      sku: product?.sku ?? '',
      name: product?.name ?? '',
      category: product?.category ?? '',
      unit: product?.unit ?? '',
      price: product?.price ?? 0,
      active: product?.active ?? true,
    },
  })
  const onSubmit = handleSubmit(async (f) => {
    setError(null)
    if (!Number.isFinite(f.price) || f.price < 0) return setError(t('admin.products.badPrice'))
    const body = { ...f, sku: f.sku.trim(), name: f.name.trim() }
    try {
      if (product) await callApi(httpApi.updateProduct, { params: { id: product.id }, body })
      else {
        await callApi(httpApi.createProduct, { body })
        reset()
      }
      await onSaved()
    } catch (err) {
      setError(t(errorKey(err)))
    }
  })
  return (
    <form
      className="admin-form"
      onSubmit={onSubmit}
      aria-label={product ? product.name : t('admin.products.add')}
    >
      <label>
        {t('admin.products.sku')}
        <input required {...register('sku', { required: true })} />
      </label>
      <label>
        {t('admin.products.name')}
        <input required {...register('name', { required: true })} />
      </label>
      <label>
        {t('admin.products.category')}
        <input {...register('category')} />
      </label>
      <label>
        {t('admin.products.unit')}
        <input {...register('unit')} />
      </label>
      <label>
        {t('admin.products.price')}
        <input type="number" min="0" step="0.01" {...register('price', { valueAsNumber: true })} />
      </label>
      <label className="check">
        <input type="checkbox" {...register('active')} />
        {t('admin.products.active')}
      </label>
      <button type="submit" disabled={formState.isSubmitting}>
        {product ? t('admin.people.save') : t('admin.products.create')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

/** The product catalogue every phone picks order lines from: add, change, take off sale, import. */
export function ProductsPanel() {
  const { t, i18n } = useTranslation()
  const [products, setProducts] = useState<Product[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const reload = useCallback(async () => {
    try {
      setProducts(await callApi(httpApi.listProducts, {}))
    } catch (err) {
      setError(t(errorKey(err)))
    }
  }, [t])
  useEffect(() => {
    void reload()
  }, [reload])
  const money = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  return (
    <section className="panel" aria-labelledby="products-title">
      <h2 id="products-title">{t('admin.products.title')}</h2>
      <Link to="/import?kind=products" className="tool-link">
        {t('admin.products.import')}
      </Link>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {products?.length === 0 && <p className="muted">{t('admin.products.empty')}</p>}
      <OpeningList
        items={products ?? []}
        keyOf={(p) => p.id}
        className="admin-list"
        rowProps={(p) => ({ 'data-testid': 'product-row', className: p.active ? '' : 'disabled' })}
        head={(p, row) => (
          <>
            <div className="who">
              <strong>{p.name}</strong> <span className="muted">{p.sku}</span>
              <span className="sub">
                {[p.category, p.unit, money.format(p.price)].filter(Boolean).join(' · ')}
                {p.active ? '' : ` · ${t('admin.products.inactive')}`}
              </span>
            </div>
            <button type="button" className="secondary" onClick={row.toggle}>
              {t('admin.people.edit')}
            </button>
          </>
        )}
        body={(p, close) => (
          <ProductForm
            product={p}
            onSaved={async () => {
              close()
              await reload()
            }}
          />
        )}
      />
      <h3>{t('admin.products.add')}</h3>
      <ProductForm onSaved={reload} />
    </section>
  )
}

import {
  type Control,
  type UseFormRegister,
  type UseFormSetValue,
  useFieldArray,
  useWatch,
} from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { useReference } from '../../store/hooks.ts'
import { ariaFor, type FieldErrorText } from './field-errors.ts'
import { FieldMessage } from './field-message.tsx'
import { formOrderTotal, outsideBand, type VisitForm } from './visit-form.ts'

type Props = {
  control: Control<VisitForm>
  register: UseFormRegister<VisitForm>
  setValue: UseFormSetValue<VisitForm>
  errorText: FieldErrorText
  /** The policy's most of one product per line. */
  maxQuantity: number
}

function money(n: number, lang: string) {
  return new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY' }).format(n)
}

/** Order lines from the catalogue on the device: product, quantity and price, with totals. */
export function OrderLines({ control, register, setValue, errorText, maxQuantity }: Props) {
  const { t, i18n } = useTranslation()
  const products = (useReference('products') ?? []).filter((p) => p.active)
  const { fields, append, remove } = useFieldArray({ control, name: 'lines' })
  const lines = useWatch({ control, name: 'lines' }) ?? []
  return (
    <fieldset className="visit-order">
      <legend>{t('visit.order')}</legend>
      {products.length === 0 && <p className="muted">{t('visit.noProducts')}</p>}
      {fields.map((field, i) => {
        const line = lines[i]
        const total =
          line && Number.isFinite(line.quantity) && Number.isFinite(line.unitPrice)
            ? formOrderTotal([line])
            : 0
        const list = products.find((p) => p.id === line?.productId)?.price
        const far = line !== undefined && outsideBand(line.unitPrice, list)
        const path = (f: string) => `lines.${i}.${f}`
        const e = (f: string) => errorText(path(f))
        return (
          <div className="order-line" key={field.id} data-testid="order-line">
            <label>
              {t('visit.product')}
              <select
                {...register(`lines.${i}.productId`, {
                  onChange: (e: { target: { value: string } }) => {
                    const p = products.find((x) => x.id === e.target.value)
                    if (p) {
                      setValue(`lines.${i}.name`, p.name)
                      setValue(`lines.${i}.unitPrice`, p.price)
                    }
                  },
                })}
                {...ariaFor(e('productId'), path('productId'))}
              >
                <option value="">{t('visit.chooseProduct')}</option>
                {products.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.unit})
                  </option>
                ))}
              </select>
              <FieldMessage path={path('productId')} text={e('productId')} />
            </label>
            <label>
              {t('visit.quantity')}
              <input
                type="number"
                inputMode="decimal"
                min="0"
                max={maxQuantity}
                step="any"
                {...register(`lines.${i}.quantity`, { valueAsNumber: true })}
                {...ariaFor(e('quantity'), path('quantity'))}
              />
              <FieldMessage path={path('quantity')} text={e('quantity')} />
            </label>
            <label>
              {t('visit.unitPrice')}
              <input
                type="number"
                inputMode="decimal"
                min="0"
                step="0.01"
                {...register(`lines.${i}.unitPrice`, { valueAsNumber: true })}
                {...ariaFor(e('unitPrice'), path('unitPrice'))}
              />
              {list !== undefined && (
                <span className="muted">{t('visit.listPrice', { price: money(list, i18n.language) })}</span>
              )}
              <FieldMessage path={path('unitPrice')} text={e('unitPrice')} />
            </label>
            {far && (
              <label className="check">
                <input type="checkbox" {...register(`lines.${i}.priceConfirmed`)} />
                {t('visit.confirmPrice')}
              </label>
            )}
            <output aria-label={t('visit.lineTotal')}>{money(total, i18n.language)}</output>
            <button
              type="button"
              className="secondary"
              aria-label={t('visit.removeLine', { n: i + 1 })}
              onClick={() => remove(i)}
            >
              ×
            </button>
          </div>
        )
      })}
      <button
        type="button"
        className="secondary"
        disabled={products.length === 0}
        onClick={() => append({ productId: '', name: '', quantity: 1, unitPrice: 0 })}
      >
        {t('visit.addLine')}
      </button>
      <p className="order-total" data-testid="order-total">
        {t('visit.orderTotal', { total: money(formOrderTotal(lines), i18n.language) })}
      </p>
    </fieldset>
  )
}

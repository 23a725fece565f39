import { zodResolver } from '@hookform/resolvers/zod'
import { maxOrderQuantity } from '@outrider/domain'
import { useMemo } from 'react'
import { useForm } from 'react-hook-form'
import { clockNow } from '../../shared/organisation-clock.ts'
import { useReference } from '../../store/hooks.ts'
import { checkoutSchema, type VisitForm } from './visit-form.ts'

/** The visit form, checked at check-out against the catalogue's prices and the policy's bounds. */
export function useVisitForm(initial: VisitForm) {
  const products = useReference('products')
  const policy = useReference('policies')?.[0]
  const resolver = useMemo(() => {
    const prices = new Map((products ?? []).map((p) => [p.id, p.price]))
    return zodResolver(
      checkoutSchema({
        today: clockNow().today,
        listPrice: (id) => prices.get(id),
        maxQuantity: maxOrderQuantity(policy),
      }),
    )
  }, [products, policy])
  const form = useForm<VisitForm>({ resolver, defaultValues: initial })
  return { form, policy }
}

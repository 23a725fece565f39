import { type Customer, checkInFlags, type ServicePolicy } from '@outrider/domain'
import { useFormContext } from 'react-hook-form'
import { CheckInPanel } from './check-in-panel.tsx'
import { CheckInWarnings } from './check-in-warnings.tsx'
import type { FieldErrorText } from './field-errors.ts'
import type { VisitForm } from './visit-form.ts'

type Props = { customer: Customer; policy: ServicePolicy | undefined; err: FieldErrorText }

/** Check-in time and place, and the policy's warnings (too far, shop closed) with room for a reason. */
export function VisitCheckIn({ customer, policy, err }: Props) {
  const { register, setValue, watch, formState } = useFormContext<VisitForm>()
  const [checkInAt, gps, gpsProblem, reason] = watch(['checkInAt', 'gps', 'gpsProblem', 'checkInReason'])
  const check = checkInAt
    ? checkInFlags({
        at: checkInAt,
        gps,
        customer,
        radiusM: policy?.checkInRadiusM,
        timeZone: policy?.timeZone,
      })
    : null
  return (
    <>
      <CheckInPanel
        checkInAt={checkInAt}
        gps={gps}
        gpsProblem={gpsProblem}
        customerLocation={customer.location}
        error={formState.errors.checkInAt?.message}
        onChange={(p) => {
          setValue('checkInAt', p.checkInAt, { shouldDirty: true })
          setValue('gps', p.gps, { shouldDirty: true })
          setValue('gpsProblem', p.gpsProblem, { shouldDirty: true })
        }}
      />
      {check && check.flags.length > 0 && (
        <CheckInWarnings
          flags={check.flags}
          reason={register('checkInReason')}
          value={reason}
          error={err('checkInReason')}
        />
      )}
    </>
  )
}

import type { AddressConfirmationDeps } from '../../usecases/address-confirmation';
import type { FeedbackDeps } from '../../usecases/feedback';
import type { PrivacyDeps } from '../../usecases/privacy';
import type { ProgrammeRegistrationDeps } from '../../usecases/programme-registration';
import type { RegistrationDeps } from '../../usecases/registrations';

/** Everything the public API's routes work with. */
export interface PublicApiDeps
  extends RegistrationDeps,
    ProgrammeRegistrationDeps,
    PrivacyDeps,
    Pick<FeedbackDeps, 'feedback'>,
    AddressConfirmationDeps {
  publicBaseUrl: string;
}

export const NO_STORE = { 'cache-control': 'no-store' };

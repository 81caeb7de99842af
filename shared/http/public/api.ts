import type { ApiRoute } from '../route';
import { addressConfirmationRoutes } from './address-confirmation';
import type { PublicApiDeps } from './deps';
import { feedbackRoutes } from './feedback';
import { peopleRoutes } from './people';
import { privacyRoutes } from './privacy';
import { registrationRoutes } from './registrations';
import { seatOfferRoutes } from './seat-offers';
import { sessionRoutes } from './sessions';
import { waitlistOfferRoutes } from './waitlist-offer';

/**
 * Every route of the public API function (no authentication). The calendar files and the OpenAPI
 * document are served by the `public-documents` function (./documents).
 */
export const publicApi: readonly ApiRoute<PublicApiDeps>[] = [
  ...sessionRoutes,
  ...registrationRoutes,
  ...addressConfirmationRoutes,
  ...waitlistOfferRoutes,
  ...feedbackRoutes,
  ...privacyRoutes,
  ...peopleRoutes,
  ...seatOfferRoutes,
];

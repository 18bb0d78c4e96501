import { publicRoute } from "@/lib/actions/with-token";
import { listSkills } from "@/lib/data/api-v1";
import { V1 } from "@/lib/api/v1-routes";

export const dynamic = "force-dynamic";

/** Public, like the skills pages: the taxonomy holds no personal data. */
export const GET = publicRoute(V1.skills, ({ query }) => listSkills(query));

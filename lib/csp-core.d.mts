export function policyWith(scriptSources: string[], dev?: boolean): string;

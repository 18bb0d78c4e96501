export {
  loadSourceCatalogue,
  loadTaxonomy,
  parseTaxonomyDocument,
  readTaxonomyDataFiles,
  toExportDocument,
  validateTaxonomyDataFiles,
  TAXONOMY_DATA_FILES,
} from "./load";
export type { TaxonomyDataFiles } from "./load";
export { searchSkillMatches, searchSkills } from "./search";
export type { SearchableSkill, SkillMatch, SkillSearchSource } from "./search";
export { sourceCatalogueSchema, taxonomyDocumentSchema } from "./schema";
export type { SourceCatalogue, TaxonomyDocument, TaxonomyDocumentInput } from "./schema";
export { formatTaxonomyError, formatTaxonomyErrors, validateTaxonomy } from "./validate";
export type {
  TaxonomyError,
  TaxonomyFiles,
  TaxonomySection,
  TaxonomyValidation,
  ValidateTaxonomyOptions,
} from "./validate";

import next from "eslint-config-next";

const config = [
  {
    ignores: [
      "lib/generated/**",
      ".next/**",
      "node_modules/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  ...next,
  {
    // Domain code is pure: it imports only other domain files (./…, or @/lib/domain/…), so nothing from next, react,
    // prisma, node:* or the data layer.
    files: ["lib/domain/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^(?!\\./|@/lib/domain/)", message: "lib/domain imports nothing outside lib/domain." }] },
      ],
    },
  },
  {
    files: ["lib/domain/*/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!\\./|\\.\\./(?!\\.\\./)|@/lib/domain/)",
              message: "lib/domain imports nothing outside lib/domain.",
            },
          ],
        },
      ],
    },
  },
  {
    // lib/auth reaches the database through one module only.
    files: ["lib/auth/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(@/lib/data/(?!auth-store$)|\\.\\./data/)",
              message: "lib/auth imports only @/lib/data/auth-store from the data layer.",
            },
            {
              group: ["@/lib/generated/*", "@prisma/*"],
              message: "lib/auth never imports Prisma; go through @/lib/data/auth-store.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/generated/*", "@prisma/*"], message: "Pages use lib/data, never Prisma directly." },
          ],
        },
      ],
    },
  },
];

export default config;

/**
 * Passwords of 10+ characters that appear near the top of public breach-frequency lists (shorter ones are already
 * refused by the length rule). Compared case-insensitively.
 */
export const COMMON_PASSWORDS = new Set([
  "1234567890", "0123456789", "0987654321", "1234567891", "1111111111", "0000000000", "2222222222", "1212121212",
  "123456789a", "a123456789", "12345678910", "123123123123", "1234512345", "1122334455", "9876543210", "5555555555",
  "qwertyuiop", "qwerty1234", "qwerty12345", "qwerty123456", "1qaz2wsx3edc", "zaq12wsxcde3", "1q2w3e4r5t", "q1w2e3r4t5",
  "1q2w3e4r5t6y", "q1w2e3r4t5y6", "asdfghjkl1", "asdfghjkl;", "zxcvbnm123", "qazwsxedcrfv", "asdfasdfasdf",
  "password12", "password123", "password1234", "password12345", "password!", "password1!", "passw0rd123", "p@ssw0rd123",
  "p@ssword123", "passwordpassword", "mypassword", "mypassword1", "mypassword123", "newpassword", "changeme123",
  "administrator", "admin12345", "admin123456", "administrator1", "rootpassword", "superuser1",
  "iloveyou12", "iloveyou123", "iloveyou1234", "letmein123", "letmein1234", "welcome123", "welcome1234", "welcome2024",
  "welcome2025", "welcome2026", "football123", "baseball123", "basketball", "basketball1", "football12", "soccer1234",
  "sunshine123", "princess123", "starwars123", "trustno1234", "monkey12345", "dragon12345", "master12345",
  "abcdefghij", "abcdefghijk", "abcdef123456", "abc1234567", "abcd123456", "abcd1234abcd", "aaaaaaaaaa",
  "computer123", "internet123", "whatever123", "michael123", "jennifer123", "superman123", "batman12345",
  "spring2026", "summer2026", "autumn2026", "winter2026", "summer2025", "winter2025", "spring2025",
  "company123", "skillgap123", "skillgap2026", "qwertyqwerty", "q1w2e3r4t5y6u7", "1qazxsw23edc", "1qaz2wsx",
]);

/** Why a new password is refused, or null when it is acceptable. Minimum length 10. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < 10) return "Password must be at least 10 characters long.";
  if (password.length > 200) return "Password must be at most 200 characters long.";
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return "This password is one of the most commonly used passwords, so attackers try it first. Choose another.";
  if (/^(.)\1+$/.test(password)) return "A password of one repeated character is easy to guess. Choose another.";
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return "The password must not contain your email name.";
  return null;
}

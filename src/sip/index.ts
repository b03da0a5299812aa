// The softphone (JsSIP behind an interface of domain events) lands here with issue 3.
// Until then nothing outside may depend on it, so it exports nothing.
export {};

// placeholder: written by the password-rules helper
export {};

/**
 * The most common base passwords and words of the widely published top-password lists (the
 * breached-password corpora behind NIST SP 800-63B's blocklist advice), already folded. Small
 * on purpose, as it ships to browsers for the live checklist; the engine enforces the same list.
 */
export const commonPasswords: ReadonlySet<string> = new Set(
  `password passw0rd passwort wachtwoord qwerty qwertz azerty asdf asdfgh zxcvbn letmein welcome
  welkom iloveyou loveyou monkey dragon admin administrator changeme secret master login
  abc123 abcdef 123456 1234567 12345678 123456789 1234567890 123123 111111 000000 654321
  666666 121212 112233 987654321 football soccer baseball basketball hockey voetbal summer
  winter spring autumn zomer winter lente herfst sunshine shadow superman batman spiderman
  starwars pokemon princess trustno1 whatever freedom hello hallo thomas michael jennifer
  jordan hunter ranger buster tigger charlie robert daniel george michelle jessica ashley
  pepper ginger cookie chocolate cheese banana orange purple matrix killer access flower
  mustang harley maggie computer internet google microsoft apple samsung default guest user
  test testing test123 demo root toor system server office company portal contoso fabrikam
  january february march april june july august september october november december monday
  friday sunday weekend holiday vacation amsterdam rotterdam london paris berlin
  nederland holland england america london qazwsx 1qaz2wsx zaq12wsx 1q2w3e4r q1w2e3r4
  qwerty123 password1 password123 welcome1 welcome123 admin123 letmein1 iloveyou1 abcd1234
  aa123456 baseball1 football1 superstar rockstar blink182 love lovely family forever
  friends angel angels heaven jesus christ blessed godisgood peace happy smile sunflower
  butterfly dolphin tiger lion eagle falcon phoenix wizard magic merlin gandalf hobbit
  secure security qwertyuiop asdfghjkl zxcvbnm`.split(/\s+/),
);

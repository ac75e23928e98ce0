import { fails, ok, type Case } from './support.js';

export const filesystemCases: Case[] = [
  ok('abspath("/a/b/../c")', '"/a/c"'),
  ok('basename("foo/bar/baz.txt")', '"baz.txt"'),
  ok('basename("foo/bar/")', '"bar"'),
  ok('basename("")', '"."'),
  ok('dirname("foo/bar/baz.txt")', '"foo/bar"'),
  ok('dirname("foo")', '"."'),
  ok('dirname("/foo")', '"/"'),
  ok('pathexpand("~/.ssh/id_rsa")', '"/home/tester/.ssh/id_rsa"'),
  ok('pathexpand("/etc/resolv.conf")', '"/etc/resolv.conf"'),
  ok('file("hello.txt")', '"hello\\n"'),
  ok('file("sub/one.txt")', '"x"'),
  ok('fileexists("hello.txt")', 'true'),
  ok('fileexists("missing.txt")', 'false'),
  ok('fileset(".", "*.txt")', '["hello.txt"]'),
  ok('fileset("sub", "**")', '["deep/three.md", "deep/two.txt", "one.txt"]'),
  ok('fileset(".", "sub/**/*.txt")', '["sub/deep/two.txt", "sub/one.txt"]'),
  ok('fileset(".", "{hello,data}.*")', '["data.csv", "hello.txt"]'),
  ok('fileset(".", "nothing*")', '[]'),
  ok('filebase64("sub/one.txt")', '"eA=="'),
];

export const datetimeCases: Case[] = [
  ok('formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")', '"02 Jan 2018 23:12 UTC"'),
  ok('formatdate("EEEE, DD-MMM-YY hh:mm:ss ZZZ", "2018-01-02T23:12:01Z")', '"Tuesday, 02-Jan-18 23:12:01 UTC"'),
  ok('formatdate("EEE, DD MMM YYYY hh:mm:ss ZZZ", "2018-01-02T23:12:01-08:00")', '"Tue, 02 Jan 2018 23:12:01 -0800"'),
  ok('formatdate("MMM DD, YYYY", "2018-01-02T23:12:01Z")', '"Jan 02, 2018"'),
  ok('formatdate("HH:mmaa", "2018-01-02T23:12:01Z")', '"11:12pm"'),
  ok('formatdate("h:m:s AA Z ZZZZ ZZZZZ", "2018-01-02T03:04:05+05:30")', '"3:4:5 AM +05:30 +0530 +05:30"'),
  fails('formatdate("A", "2018-01-02T03:04:05Z")', 'Invalid value for "format" parameter: invalid date format verb "A": must be "AA".'),
  ok("formatdate(\"'Date:' YYYY-MM-DD 'o''clock' h\", \"2018-01-02T23:12:01Z\")", '"Date: 2018-01-02 o\'clock 23"'),
  ok("formatdate(\"YYYY 'at end'\", \"2018-01-02T23:12:01Z\")", '"2018 "'),
  ok('formatdate("M/D MMMM", "2018-11-02T23:12:01Z")', '"11/2 November"'),
  fails('formatdate("YYY", "2018-01-02T23:12:01Z")', 'Invalid value for "format" parameter: invalid date format verb "YYY": year must either be "YY" or "YYYY".'),
  fails('formatdate("x", "2018-01-02T23:12:01Z")', 'Invalid value for "format" parameter: invalid date format verb "x".'),
  fails('formatdate("YYYY", "2018-01-02")', "Invalid value for \"time\" parameter: not a valid RFC3339 timestamp: missing required time introducer 'T'."),
  fails('formatdate("YYYY", "2018-13-02T00:00:00Z")', 'Invalid value for "time" parameter: not a valid RFC3339 timestamp: cannot use "-02T00:00:00Z" as month.'),
  fails('formatdate("YYYY", "2018-02-30T00:00:00Z")', 'Invalid value for "time" parameter: not a valid RFC3339 timestamp: day out of range.'),
  fails('formatdate("YYYY", "18-01-02T00:00:00Z")', 'Invalid value for "time" parameter: not a valid RFC3339 timestamp: cannot use "1-02T00:00:00Z" as year.'),
  fails('formatdate("YYYY", "2018-01-02T00:00:00Zjunk")', 'Invalid value for "time" parameter: not a valid RFC3339 timestamp: cannot use "junk" as timestamp segment.'),
  ok('timeadd("2017-11-22T00:00:00Z", "10m")', '"2017-11-22T00:10:00Z"'),
  ok('timeadd("2017-11-22T00:00:00Z", "-1h30m")', '"2017-11-21T22:30:00Z"'),
  ok('timeadd("2017-11-22T00:00:00+02:00", "1.5h")', '"2017-11-22T01:30:00+02:00"'),
  ok('timeadd("2017-12-31T23:59:59Z", "1s")', '"2018-01-01T00:00:00Z"'),
  fails('timeadd("2017-11-22T00:00:00Z", "1d")', 'Call to function "timeadd" failed: time: unknown unit "d" in duration "1d".'),
  fails('timeadd("2017-11-22T00:00:00Z", "x")', 'Call to function "timeadd" failed: time: invalid duration "x".'),
  fails('timeadd("2017-11-22", "1h")', "Call to function \"timeadd\" failed: not a valid RFC3339 timestamp: missing required time introducer 'T'."),
  ok('timestamp()', '"2024-01-02T03:04:05Z"', { oracle: false, why: 'the current time' }),
  ok('legacy_isotime()', '"2024-01-02T03:04:05Z"'),
  ok('legacy_isotime("2006-01-02 15:04:05.000 Mon Jan _2 3PM -0700 MST")', '"2024-01-02 03:04:05.678 Tue Jan  2 3AM +0000 UTC"'),
  ok('legacy_isotime("060102")', '"240102"'),
  // Layouts and directives below print as Packer's JSON-side `{{isotime}}` / `{{strftime}}` do (test/gotemplate checks
  // those against packer console): Go keeps "Month" and "Janet" literal, reads "_2006" as "_" and the year, and
  // Packer's strftime library has no %j, %c, %f, %x, %X, %w, %U, %W or %e but writes %L as ".000".
  ok('legacy_isotime("Month _2006")', '"Month _2024"'),
  ok('legacy_isotime("Janet Mond|Monday __2 002 _2|.999999999 ,000 .9|3:04:05pm")', '"Janet Mond|Tuesday   2 002  2|.678 ,678 .6|3:04:05am"'),
  ok('legacy_isotime("-07 Z07 -070000 Z07:00:00 -07:00:00")', '"+00 Z +000000 Z +00:00:00"'),
  ok('legacy_strftime("%Y-%m-%d %H:%M:%S %a %b %j %%")', '"2024-01-02 03:04:05 Tue Jan %j %"'),
  ok('legacy_strftime("%L|%c|%f|%x|%X|%w|%U|%W|%e|%-d|%")', '".678|%c|%f|%x|%X|%w|%U|%W|%e|%-d|%"'),
  ok('legacy_strftime("Jan 2006 %I%p %y %z %Z %B %A")', '"Jan 2006 03AM 24 +0000 UTC January Tuesday"'),
];

export const cryptoCases: Case[] = [
  ok('md5("hello world")', '"5eb63bbbe01eeed093cb22bb8f5acdc3"'),
  ok('sha1("hello world")', '"2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"'),
  ok('sha256("hello world")', '"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"'),
  ok(
    'sha512("hello world")',
    '"309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f"',
  ),
  fails('sha256(["a"])', 'Invalid value for "str" parameter: string required.'),
  ok('length(bcrypt("hello"))', '60'),
  ok('substr(bcrypt("hello", 4), 0, 7)', '"$2a$04$"'),
  fails('bcrypt("a", 4, 5)', 'Call to function "bcrypt" failed: bcrypt() takes no more than two arguments.'),
  fails('rsadecrypt("!!", "x")', 'Call to function "rsadecrypt" failed: failed to decode input "!!": cipher text must be base64-encoded.'),
  fails('rsadecrypt("eA==", "not a key")', 'Call to function "rsadecrypt" failed: failed to parse key: no key found.'),
];

export const ipnetCases: Case[] = [
  ok('cidrhost("10.12.112.0/20", 16)', '"10.12.112.16"'),
  ok('cidrhost("10.12.112.0/20", 268)', '"10.12.113.12"'),
  ok('cidrhost("10.12.112.0/20", -1)', '"10.12.127.255"'),
  ok('cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)', '"fd00:fd12:3456:7890::22"'),
  fails('cidrhost("10.0.0.0/30", 5)', 'Call to function "cidrhost" failed: prefix of 30 does not accommodate a host numbered 5.'),
  fails('cidrhost("10.0.0.0/33", 1)', 'Call to function "cidrhost" failed: invalid CIDR expression: invalid CIDR address: 10.0.0.0/33.'),
  ok('cidrnetmask("172.16.0.0/12")', '"255.240.0.0"'),
  ok('cidrnetmask("10.0.0.0/32")', '"255.255.255.255"'),
  ok('cidrsubnet("172.16.0.0/12", 4, 2)', '"172.18.0.0/16"'),
  ok('cidrsubnet("10.1.2.0/24", 4, 15)', '"10.1.2.240/28"'),
  ok('cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', '"fd00:fd12:3456:7800:a200::/72"'),
  fails('cidrsubnet("10.0.0.0/30", 4, 1)', 'Call to function "cidrsubnet" failed: insufficient address space to extend prefix of 30 by 4.'),
  fails('cidrsubnet("10.0.0.0/8", 2, 4)', 'Call to function "cidrsubnet" failed: prefix extension of 2 does not accommodate a subnet numbered 4.'),
  ok('cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)', '["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]'),
  ok('cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)', '["fd00:fd12:3456:7800::/72", "fd00:fd12:3456:7800:100::/72", "fd00:fd12:3456:7800:200::/72", "fd00:fd12:3456:7800:300::/88"]'),
  fails('cidrsubnets("10.0.0.0/30", 1, 1, 1)', 'Invalid value for "newbits" parameter: not enough remaining address space for a subnet with a prefix of 31 bits after 10.0.0.2/31.'),
];

export const uuidCases: Case[] = [
  ok('uuidv5("dns", "www.terraform.io")', '"a5008fae-b28c-5ba5-96cd-82b4c53552d6"'),
  ok('uuidv5("url", "https://www.terraform.io/")', '"9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5"'),
  ok('uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.terraform.io")', '"a5008fae-b28c-5ba5-96cd-82b4c53552d6"'),
  fails('uuidv5("bogus", "x")', "Call to function \"uuidv5\" failed: uuidv5() doesn't support namespace bogus (invalid UUID length: 5)."),
  ok('length(uuidv4())', '36'),
];

export const conversionCases: Case[] = [
  ok('tobool("true")', 'true'),
  ok('tobool(null)', 'null'),
  fails('tobool("yes")', 'Invalid value for "v" parameter: cannot convert "yes" to bool; only the strings "true" or "false" are allowed.'),
  fails('tobool(1)', 'Invalid value for "v" parameter: cannot convert number to bool.'),
  ok('tonumber("1.5")', '1.5'),
  fails('tonumber("no")', 'Invalid value for "v" parameter: cannot convert "no" to number; given string must be a decimal representation of a number.'),
  ok('tostring(1)', '"1"'),
  ok('tostring(true)', '"true"'),
  fails('tostring([])', 'Invalid value for "v" parameter: cannot convert tuple to string.'),
  ok('tolist(["a", "b"])', '["a", "b"]', { type: 'list(string)' }),
  ok('tolist(["a", 1])', '["a", "1"]'),
  ok('toset(["c", "b", "b"])', '["b", "c"]', { type: 'set(string)' }),
  ok('tomap({a = 1, b = 2})', '{a = 1, b = 2}', { type: 'map(number)' }),
  fails('tomap([1])', 'Invalid value for "v" parameter: cannot convert tuple to map of any single type.'),
  fails('tolist("a")', 'Invalid value for "v" parameter: cannot convert string to list of any single type.'),
];

export const contextualCases: Case[] = [
  ok('env("HOME")', '"/home/tester"', { oracle: false, why: 'reads the environment' }),
  ok('env("TSBUILD_SURELY_UNSET")', '""'),
  fails('vault("secret/x", "k")', 'Call to function "vault" failed: Must set VAULT_TOKEN env var in order to use vault template function.'),
  fails('aws_secretsmanager_raw("x")', 'Call to function "aws_secretsmanager_raw" failed: aws_secretsmanager needs AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION in the environment (shared credential files, profiles and instance roles need the AWS SDK, which is not included).'),
];

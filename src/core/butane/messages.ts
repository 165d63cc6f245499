/**
 * What the validation says, by name, in Butane's and Ignition's own words (their vectors are
 * compared byte for byte, so the wording is theirs, typos included). Source rules are Butane's
 * (base/v0_x, config/common/errors.go), the others Ignition's (config/shared/errors/errors.go).
 */

// Butane source rules
export const ERR_DECIMAL_MODE =
  "unreasonable mode would be reasonable if specified in octal; remember to add a leading zero";
export const ERR_TOO_MANY_RESOURCE_SOURCES =
  "only one of the following can be set: inline, local, source";
export const ERR_BOTH_CONTENTS = "only one of the following can be set: contents, contents_local";
export const ERR_MOUNT_UNIT_NO_FORMAT = "format is required if with_mount_unit is true";
export const ERR_MOUNT_UNIT_NO_PATH =
  "path is required if with_mount_unit is true and format is not swap";
export const ERR_TREE_NO_LOCAL = "local is required";
export const ERR_INLINE_CONFIG_INVALID = "config is not valid";
export const ERR_INLINE_CONFIG_VERSION = "invalid config version (couldn't parse)";
export const WARN_INLINE_CONFIG_UNKNOWN_VERSION =
  "skipping validation for the merge/replace ignition config due to an unkown version";
export const errInlineConfigNotObject = (kind: string): string =>
  `json: cannot unmarshal ${kind} into Go value of type types.Config`;

// Butane translation: local files and trees (config/common/errors.go)
export const ERR_NO_FILES_DIR =
  "local file paths are relative to a files directory that must be specified with -d/--files-dir";
export const ERR_FILES_DIR_ESCAPE = "local file path traverses outside the files directory";
export const ERR_NODE_EXISTS = "matching filesystem node has existing contents or different type";
export const ERR_TREE_NOT_DIRECTORY = "root of tree must be a directory";
export const ERR_FILE_TYPE = "trees may only contain files, directories, and symlinks";
export const errNoSuchFile = (shown: string): string => `stat ${shown}: no such file or directory`;

// Unused keys (Ignition's ValidateUnusedKeys, as Butane runs it on the source)
export const warnUnusedKey = (key: string): string => `unused key ${key}`;
export const warnTreeMismatch = (path: string): string =>
  `context tree does not match content tree at ${path}. Line and column reporting may be inconsistent. Unused keys may not be reported`;

// The Flatcar variant's field filter
export const ERR_CLEVIS_UNSUPPORTED = "clevis is not supported in this spec version";

// Ignition: duplicates
export const ERR_DUPLICATE = "duplicate entry defined";

// Ignition: paths, modes and nodes
export const ERR_NO_PATH = "path not specified";
export const ERR_PATH_RELATIVE = "path not absolute";
export const ERR_PATH_NOT_CLEAN = "path is not fully simplified";
export const ERR_ILLEGAL_MODE = "illegal file mode";
export const ERR_SPECIAL_MODE_BITS =
  "setuid/setgid/sticky bits are not supported or functional in spec versions older than 3.6.0";
export const ERR_OVERWRITE_NO_SOURCE = "overwrite must be false if source is unspecified";
export const ERR_LINK_NO_TARGET = "link target is required";
export const ERR_ID_AND_NAME = "cannot set both id and name";
export const ERR_PATH_CONFLICTS_UNIT = "path conflicts with systemd unit or dropin";
export const ERR_DIRECTORY_UNDER_LINK = "directory path includes link in config";
export const ERR_FILE_UNDER_LINK = "file path includes link in config";
export const ERR_LINK_UNDER_LINK = "link path includes link in config";

// Ignition: resources, URLs, hashes, proxies
export const ERR_COMPRESSION = "invalid compression method";
export const ERR_URL_PARSE = "unable to parse url";
export const ERR_URL_SCHEME = "invalid url scheme";
export const ERR_S3_VERSION_ID = "invalid S3 object VersionId";
export const ERR_S3_ARN = "invalid S3 ARN format";
export const ERR_DATA_URL_COMMA = "missing comma";
export const ERR_VERIFICATION_NO_SOURCE = "verification cannot be done when source is unspecified";
export const ERR_HEADERS_SCHEME = "cannot use HTTP headers with this source scheme";
export const ERR_HASH_MALFORMED = "malformed hash specifier";
export const ERR_HASH_FUNCTION = "unrecognized hash function";
export const ERR_HASH_SIZE = "incorrect size for hash sum";
export const ERR_PROXY_SCHEME = "proxies must be http(s)";
export const WARN_PLAINTEXT_PROXY = "insecure plaintext HTTP proxy specified for HTTPS resources";

// Ignition: disks, partitions, filesystems, LUKS, RAID
export const ERR_DISK_DEVICE = "disk device is required";
export const ERR_PARTITION_NUMBERS_COLLIDE = "partition numbers collide";
export const ERR_PARTITIONS_OVERLAP = "partitions overlap";
export const ERR_ZERO_START_WITH_SHOULD_NOT_EXIST =
  "shouldExist is false for a partition and other partition(s) has start or size 0";
export const ERR_PARTITION_LABEL_TWICE = "cannot use the same partition label twice";
export const ERR_SHOULD_NOT_EXIST_WITH_OTHERS =
  "shouldExist specified false with other options also specified";
export const ERR_PARTITION_NUMBER_OR_LABEL = "a partition number >= 1 or a label must be specified";
export const ERR_PARTITION_LABEL_LENGTH = "partition labels may not exceed 36 characters";
export const ERR_PARTITION_LABEL_COLON =
  "partition label will be truncated to text before the colon";
export const ERR_GUID_FORM = 'doesn\'t match the form "01234567-89AB-CDEF-EDCB-A98765432101"';
export const ERR_FORMAT_REQUIRED =
  "format cannot be empty when path, label, uuid, wipeFilesystem, options, or mountOptions is specified";
export const ERR_FILESYSTEM_FORMAT = "invalid filesystem format";
export const ERR_LABEL_WITHOUT_FORMAT = "filesystem must specify format if label is specified";
export const errFilesystemLabelLength = (limit: number, format: string): string =>
  `filesystem labels cannot be longer than ${limit} characters when using ${format}`;
export const ERR_LUKS_NAME_SLASH = "device names cannot contain slashes";
export const ERR_LUKS_LABEL_LENGTH = "luks device labels cannot be longer than 47 characters";
export const ERR_RAID_LEVEL_REQUIRED = "raid level is required";
export const ERR_RAID_LEVEL = "unrecognized raid level";
export const ERR_RAID_SPARES = "spares unsupported for linear and raid0 arrays";
export const ERR_RAID_DEVICES = "raid devices required";

// Ignition: systemd units
export const ERR_UNIT_EXTENSION = "invalid systemd unit extension";
export const ERR_DROPIN_EXTENSION = "invalid systemd drop-in extension";
export const errUnitContents = (problem: string): string => `invalid unit content: ${problem}`;
export const warnUnitWithoutInstall = (name: string): string =>
  `unit ${JSON.stringify(name)} is enabled, but has no install section so enable does nothing`;

/** The .vmx template values for a disk adapter and a CD-ROM adapter (Packer's DefaultDiskAndCDROMTypes). */
export interface DiskAndCdromTypes {
  SCSI_Present: string;
  SCSI_diskAdapterType: string;
  SATA_Present: string;
  NVME_Present: string;
  DiskType: string;
  CDROMType: string;
  CDROMType_PrimarySecondary: string;
}

/**
 * The disk goes on its adapter's bus; the CD-ROM on IDE unless the disk is on SATA or NVMe (then SATA), or
 * `cdrom_adapter_type` says otherwise; on the disk's own bus it is the second device.
 */
export function diskAndCdromTypes(diskAdapterType: string, cdromAdapterType: string | undefined): DiskAndCdromTypes {
  const d: DiskAndCdromTypes = {
    SCSI_Present: 'FALSE',
    SCSI_diskAdapterType: 'lsilogic',
    SATA_Present: 'FALSE',
    NVME_Present: 'FALSE',
    DiskType: 'scsi',
    CDROMType: 'ide',
    CDROMType_PrimarySecondary: '0',
  };
  let disk = diskAdapterType.toLowerCase();
  if (disk === 'ide') Object.assign(d, { DiskType: 'ide', CDROMType: 'ide', CDROMType_PrimarySecondary: '1' });
  else if (disk === 'sata') Object.assign(d, { SATA_Present: 'TRUE', DiskType: 'sata', CDROMType: 'sata', CDROMType_PrimarySecondary: '1' });
  else if (disk === 'nvme') Object.assign(d, { NVME_Present: 'TRUE', DiskType: 'nvme', SATA_Present: 'TRUE', CDROMType: 'sata' });
  else {
    if (disk === 'scsi') disk = 'lsilogic';
    Object.assign(d, { SCSI_Present: 'TRUE', SCSI_diskAdapterType: disk });
  }
  let cdrom = (cdromAdapterType ?? '').toLowerCase();
  if (cdrom === '') cdrom = d.CDROMType;
  else d.CDROMType_PrimarySecondary = cdrom === disk ? '1' : '0';
  if (cdrom === 'sata') d.SATA_Present = 'TRUE';
  if (cdrom === 'scsi') d.SCSI_Present = 'TRUE';
  if (cdrom === 'ide' || cdrom === 'sata' || cdrom === 'scsi') d.CDROMType = cdrom;
  return d;
}

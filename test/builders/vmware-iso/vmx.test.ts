// The .vmx format as Packer reads and writes it, the adapters it picks for disks and CD-ROMs, and the artifact.

import { describe, expect, it } from 'vitest';
import { vmwareArtifact } from '../../../builders/vmware-iso/artifact.js';
import { diskAndCdromTypes } from '../../../builders/vmware-iso/steps/disk-types.js';
import { additionalDiskNumber } from '../../../builders/vmware-iso/steps/create-disks.js';
import { encodeVmx, parseVmx } from '../../../builders/vmware-iso/vmx-file.js';

describe('.vmx files', () => {
  it('reads keys lowercased (comments and blank lines dropped) and writes them sorted, quoted', () => {
    const data = parseVmx('.encoding = "UTF-8"\n// Hardware\n\nnumvcpus = "2"\nScsi0:0.FileName = "disk.vmdk"\nbare=value\nsata0:0.virtualSSD = 1\n');
    expect(data).toEqual({ '.encoding': 'UTF-8', numvcpus: '2', 'scsi0:0.filename': 'disk.vmdk', bare: 'value', 'sata0:0.virtualssd': '1' });
    expect(encodeVmx(data)).toBe('.encoding = "UTF-8"\nbare = "value"\nnumvcpus = "2"\nsata0:0.virtualSSD = 1\nscsi0:0.filename = "disk.vmdk"\n');
  });

  it("puts the CD-ROM where Packer's DefaultDiskAndCDROMTypes does", () => {
    const pick = (disk: string, cd?: string) => {
      const t = diskAndCdromTypes(disk, cd);
      return `${t.DiskType} ${t.CDROMType}0:${t.CDROMType_PrimarySecondary} scsi=${t.SCSI_Present}/${t.SCSI_diskAdapterType} sata=${t.SATA_Present} nvme=${t.NVME_Present}`;
    };
    expect(pick('lsilogic')).toBe('scsi ide0:0 scsi=TRUE/lsilogic sata=FALSE nvme=FALSE');
    expect(pick('scsi')).toBe('scsi ide0:0 scsi=TRUE/lsilogic sata=FALSE nvme=FALSE');
    expect(pick('pvscsi')).toBe('scsi ide0:0 scsi=TRUE/pvscsi sata=FALSE nvme=FALSE');
    expect(pick('ide')).toBe('ide ide0:1 scsi=FALSE/lsilogic sata=FALSE nvme=FALSE');
    expect(pick('sata')).toBe('sata sata0:1 scsi=FALSE/lsilogic sata=TRUE nvme=FALSE');
    expect(pick('nvme')).toBe('nvme sata0:0 scsi=FALSE/lsilogic sata=TRUE nvme=TRUE');
    expect(pick('lsilogic', 'sata')).toBe('scsi sata0:0 scsi=TRUE/lsilogic sata=TRUE nvme=FALSE');
    expect(pick('sata', 'sata')).toBe('sata sata0:1 scsi=FALSE/lsilogic sata=TRUE nvme=FALSE');
    expect(pick('ide', 'scsi')).toBe('ide scsi0:0 scsi=TRUE/lsilogic sata=FALSE nvme=FALSE');
  });

  it('numbers additional disks from 1, skipping SCSI unit 7', () => {
    expect([0, 1, 5, 6, 7].map(additionalDiskNumber)).toEqual([1, 2, 6, 8, 9]);
  });
});

describe('vmware artifact', () => {
  it("is Packer's: builder id mitchellh.vmware, the machine's name, the output files; the registry gets platform vmware", () => {
    const a = vmwareArtifact({
      dir: 'out',
      absoluteDir: '/w/out',
      files: ['/w/out/disk.vmdk', '/w/out/vm.vmx'],
      vmName: 'vm',
      format: 'vmx',
      image: '/w/out/vm.vmx',
      cwd: '/w',
      labels: { guest_os_type: 'other' },
      generatedData: {},
    });
    expect([a.builderId, a.id, a.string, a.files]).toEqual(['mitchellh.vmware', 'vm', 'VM files in directory: out', ['out/disk.vmdk', 'out/vm.vmx']]);
    expect(a.images).toEqual([{ platform: 'vmware', externalId: '/w/out/vm.vmx', labels: { format: 'vmx', vm_name: 'vm', guest_os_type: 'other' } }]);
  });
});

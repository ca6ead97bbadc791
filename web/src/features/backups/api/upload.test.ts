import { describe, expect, it, vi } from 'vitest';
import { uploadRaw } from '../../../api/upload';
import { uploadBackupArchive } from './upload';

vi.mock('../../../api/upload', () => ({ uploadRaw: vi.fn() }));

describe('uploadBackupArchive', () => {
  it('posts the archive as application/zip to the restore endpoint', async () => {
    vi.mocked(uploadRaw).mockResolvedValue({ id: 'r1', kind: 'restore', status: 'queued' });
    const file = new File(['PK'], 'whatsdex-shop.zip', { type: 'application/zip' });
    const progress = vi.fn();

    await expect(uploadBackupArchive(file, progress)).resolves.toMatchObject({ id: 'r1' });
    expect(uploadRaw).toHaveBeenCalledWith(
      '/api/v1/backups/restore',
      file,
      'application/zip',
      progress,
    );
  });
});

"""What the clerk reads: one Chinese and one English sentence per reason, saying what to do."""

from __future__ import annotations

from app.photos.types import ImageRefused

# Reasons a frame is refused by check_frame (the GUI and CLI switch on these codes).
CHECK_REASONS: dict[str, tuple[str, str]] = {
    "no_face": (
        "未检测到人脸：请坐到镜头前、正对镜头，摘下帽子和口罩，露出整张脸。",
        "No face found: sit in front of the camera, face it, and take off any hat or mask.",
    ),
    "many_faces": (
        "画面中有多张人脸：请只让办理人一人入镜，其他人离开镜头。",
        "More than one face: only the applicant may be in the picture; others step aside.",
    ),
    "face_too_small": (
        "人脸太小：请靠近镜头一些。",
        "Face too small: move closer to the camera.",
    ),
    "face_at_edge": (
        "人脸太靠近画面边缘：请后退一点，并把脸放在画面中间。",
        "Face too close to the edge: step back a little and centre the face in the picture.",
    ),
    "too_dark": (
        "光线太暗：请打开灯光，或让办理人面向光源。",
        "Too dark: turn on the light or have the applicant face the light.",
    ),
    "too_blurred": (
        "照片模糊：请保持不动，检查镜头是否对焦、是否干净，然后重拍。",
        "Too blurred: hold still, check the camera is focused and clean, then try again.",
    ),
}

# Reasons load_image refuses a file (ImageRefused.reason).
LOAD_REASONS: dict[str, tuple[str, str]] = {
    "file_unreadable": (
        "无法读取该文件：请检查文件是否存在、是否有访问权限。",
        "Cannot read the file: check that it exists and that you may open it.",
    ),
    "not_regular_file": (  # issue 12: /dev/zero, a FIFO, a socket — refused unread
        "不是普通文件（设备、管道等），不能作为照片或扫描件读取：请选择图片文件。",
        "Not a regular file (a device, pipe or similar): refused as a photo or scan. Choose an "
        "image file.",
    ),
    "empty_file": (
        "文件是空的（0 字节）：请重新拍摄或扫描，或选择其他文件。",
        "The file is empty (0 bytes): take or scan it again, or choose another file.",
    ),
    "not_image": (
        "该文件不是可识别的图片：请选择 JPEG、PNG、BMP、WebP 或 TIFF 图片。",
        "This file is not an image we can read: choose a JPEG, PNG, BMP, WebP or TIFF picture.",
    ),
    "corrupt_image": (
        "图片已损坏或不完整（可能复制中断）：请重新拍摄或重新复制该文件。",
        "The picture is damaged or incomplete (perhaps a broken copy): take or copy it again.",
    ),
    "image_too_large": (
        "图片太大（超过 5000 万像素或 200 MB）：请缩小后再试。",
        "The picture is too large (over 50 megapixels or 200 MB): reduce it and try again.",
    ),
}


def check_text(reason: str) -> tuple[str, str]:
    return CHECK_REASONS[reason]


def refused(reason: str) -> ImageRefused:
    zh, en = LOAD_REASONS[reason]
    return ImageRefused(reason, zh, en)

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

# The same reasons for a picture loaded from a file: nobody sits in front of a camera then,
# so the advice is about choosing another picture (issue 13: a message matched to its cause).
FILE_CHECK_REASONS: dict[str, tuple[str, str]] = {
    "no_face": (
        "这张图片里没有找到人脸：请选择本人正面、露出整张脸的照片，或改用摄像头拍照。",
        "No face was found in this picture: choose a frontal photo showing the whole face, "
        "or use the camera.",
    ),
    "many_faces": (
        "这张图片里有多张人脸：请选择只有本人一人的照片。",
        "This picture shows more than one face: choose a photo of the applicant alone.",
    ),
    "face_too_small": (
        "图片中的人脸太小：请选择人脸更大、更清晰的照片，或改用摄像头拍照。",
        "The face in this picture is too small: choose a closer, sharper photo, or use the camera.",
    ),
    "face_at_edge": (
        "图片中的人脸太靠近边缘：请选择人脸在画面中间、四周留有空白的照片。",
        "The face is too close to the picture's edge: choose a photo with the face in the middle.",
    ),
    "too_dark": (
        "图片太暗：请选择光线充足的照片，或改用摄像头拍照。",
        "The picture is too dark: choose a well-lit photo, or use the camera.",
    ),
    "too_blurred": (
        "图片模糊：请选择清晰的照片，或改用摄像头拍照。",
        "The picture is blurred: choose a sharp photo, or use the camera.",
    ),
}

# Reasons load_image refuses a file (ImageRefused.reason).
LOAD_REASONS: dict[str, tuple[str, str]] = {
    "file_unreadable": (
        "无法读取该文件：请检查文件是否存在、是否有访问权限。",
        "Cannot read the file: check that it exists and that you may open it.",
    ),
    "not_a_file": (  # a folder, /dev/zero, a FIFO, a socket: refused unread
        "这不是普通文件（是文件夹、设备或管道）：请选择一张图片文件。",
        "Not a regular file (a folder, a device or a pipe): choose a picture file.",
    ),
    "empty_file": (
        "文件是空的（0 字节）：请重新拍摄或扫描，或选择其他文件。",
        "The file is empty (0 bytes): take or scan it again, or choose another file.",
    ),
    "not_image": (
        "该文件不是图片文件：请选择 JPEG、PNG、BMP、WebP 或 TIFF 图片。",
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


def file_check_text(reason: str, zh: str, en: str) -> tuple[str, str]:
    """A check's message for a picture from a file (falls back to the camera's words)."""
    return FILE_CHECK_REASONS.get(reason, (zh, en))


def refused(reason: str) -> ImageRefused:
    zh, en = LOAD_REASONS[reason]
    return ImageRefused(reason, zh, en)
